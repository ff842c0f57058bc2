package dev.unfold.core.trace;

import dev.unfold.core.Axis;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;

/** Builds the trace of an order; each trace computes its moves from the step number alone. */
public final class Traces {
    private Traces() {
    }

    public static Trace of(Geometry g, Layout layout, TraceOrder order) {
        return order == TraceOrder.COL2IM_BY_PIXEL ? new ByPixel(g, layout) : new Arithmetic(g, layout, order);
    }

    /**
     * Sizes a move needs, taken from the geometry once: the app walks long stretches of a trace per frame,
     * and the geometry derives OH and OW anew on every call.
     */
    private static final class Dims {
        final int c, h, w, kh, kw, kk, ow, ohw, ckk, sh, sw, ph, pw, dh, dw;
        final boolean rows;

        Dims(Geometry g, Layout layout) {
            c = g.c();
            h = g.h();
            w = g.w();
            kh = g.kh();
            kw = g.kw();
            kk = kh * kw;
            ow = g.ow();
            ohw = g.oh() * ow;
            ckk = g.patchSize();
            sh = g.sh();
            sw = g.sw();
            ph = g.ph();
            pw = g.pw();
            dh = g.dh();
            dw = g.dw();
            rows = layout == Layout.ROWS;
        }

        /** The element (row, tap) as a move: what {@link ColumnElement} and {@link Layout#index} compute. */
        Move move(long step, int row, int tap, boolean im2col) {
            int n = row / ohw;
            int o = row - n * ohw;
            int oy = o / ow;
            int ox = o - oy * ow;
            int ch = tap / kk;
            int t = tap - ch * kk;
            int ky = t / kw;
            int iy = oy * sh - ph + ky * dh;
            int ix = ox * sw - pw + (t - ky * kw) * dw;
            int input = iy >= 0 && iy < h && ix >= 0 && ix < w ? ((n * c + ch) * h + iy) * w + ix : -1;
            long thread = im2col ? ((long) (n * c + ch) * kk + t) * ohw + o : input;
            int column = rows ? row * ckk + tap : (n * ckk + tap) * ohw + o;
            return new Move(step, input, column, row, tap, thread);
        }
    }

    /** Orders that visit every column element once: the step decodes straight into (row, tap). */
    private static final class Arithmetic implements Trace {
        private final Geometry geometry;
        private final Layout layout;
        private final TraceOrder order;
        private final Dims d;
        private final int slabSize;

        Arithmetic(Geometry geometry, Layout layout, TraceOrder order) {
            this.geometry = geometry;
            this.layout = layout;
            this.order = order;
            this.d = new Dims(geometry, layout);
            this.slabSize = geometry.n() * d.c * d.ohw;
        }

        @Override
        public Geometry geometry() {
            return geometry;
        }

        @Override
        public Layout layout() {
            return layout;
        }

        @Override
        public TraceOrder order() {
            return order;
        }

        @Override
        public long length() {
            return geometry.columnSize();
        }

        @Override
        public Move move(long step) {
            if (step < 0 || step >= length()) {
                throw new IndexOutOfBoundsException("step " + step + " outside [0, " + length() + ")");
            }
            int s = (int) step;
            int row;
            int tap;
            switch (order) {
                case IM2COL_BY_PATCH -> {
                    row = s / d.ckk;
                    tap = s - row * d.ckk;
                }
                case IM2COL_BY_THREAD -> {
                    int c0 = s / (d.kk * d.ohw);
                    row = c0 / d.c * d.ohw + s % d.ohw;
                    tap = c0 % d.c * d.kk + s / d.ohw % d.kk;
                }
                default -> { // by tap: slab (ky, kx) outermost, then n, c, oy, ox as numpy assigns a slab
                    int slab = s / slabSize;
                    int r = s - slab * slabSize;
                    int n = r / (d.c * d.ohw);
                    int c = r / d.ohw % d.c;
                    row = n * d.ohw + r % d.ohw;
                    tap = c * d.kk + slab;
                }
            }
            return d.move(step, row, tap, order.im2col());
        }
    }

    /**
     * The seed's GPU col2im: thread = input pixel, visiting the (ky, oy) × (kx, ox) pairs that reach it,
     * ky outer, kx inner. Pairs factor by axis, so per-axis tables give random access to any step.
     */
    private static final class ByPixel implements Trace {
        private final Geometry g;
        private final Layout layout;
        private final Dims d;
        private final AxisPairs ys;
        private final AxisPairs xs;

        ByPixel(Geometry g, Layout layout) {
            this.g = g;
            this.layout = layout;
            this.d = new Dims(g, layout);
            this.ys = new AxisPairs(g.yAxis());
            this.xs = new AxisPairs(g.xAxis());
        }

        @Override
        public Geometry geometry() {
            return g;
        }

        @Override
        public Layout layout() {
            return layout;
        }

        @Override
        public TraceOrder order() {
            return TraceOrder.COL2IM_BY_PIXEL;
        }

        @Override
        public long length() {
            return (long) g.n() * d.c * ys.total() * xs.total();
        }

        @Override
        public Move move(long step) {
            if (step < 0 || step >= length()) {
                throw new IndexOutOfBoundsException("step " + step + " outside [0, " + length() + ")");
            }
            long perPlane = (long) ys.total() * xs.total();
            int plane = (int) (step / perPlane);
            long inPlane = step % perPlane;
            int y = ys.positionOf(inPlane / xs.total());
            long inRow = inPlane - (long) ys.offset[y] * xs.total();
            int yCount = ys.count(y);
            int x = xs.positionOf(inRow / yCount);
            int local = (int) (inRow - (long) yCount * xs.offset[x]);
            int a = ys.offset[y] + local / xs.count(x);
            int b = xs.offset[x] + local % xs.count(x);
            int n = plane / d.c;
            int c = plane - n * d.c;
            int row = n * d.ohw + ys.out[a] * d.ow + xs.out[b];
            int tap = (c * d.kh + ys.tap[a]) * d.kw + xs.tap[b];
            return d.move(step, row, tap, false);
        }
    }

    /** For each input position along one axis, the (tap, output) pairs that read it, sorted by tap. */
    private static final class AxisPairs {
        final int[] offset; // pairs of position i are [offset[i], offset[i+1])
        final int[] tap;
        final int[] out;

        AxisPairs(Axis axis) {
            offset = new int[axis.size() + 1];
            for (int i = 0; i < axis.size(); i++) {
                offset[i + 1] = offset[i] + axis.windowCount(i);
            }
            tap = new int[offset[axis.size()]];
            out = new int[tap.length];
            for (int i = 0, j = 0; i < axis.size(); i++) {
                for (int k = 0; k < axis.kernel(); k++) {
                    int o = axis.outputFor(i, k);
                    if (o >= 0) {
                        tap[j] = k;
                        out[j++] = o;
                    }
                }
            }
        }

        int total() {
            return tap.length;
        }

        int count(int i) {
            return offset[i + 1] - offset[i];
        }

        /** The position i with offset[i] ≤ q &lt; offset[i+1]; positions with no pairs are skipped. */
        int positionOf(long q) {
            int lo = 0;
            int hi = offset.length - 2;
            while (lo < hi) { // last i with offset[i] <= q
                int mid = (lo + hi + 1) >>> 1;
                if (offset[mid] <= q) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }
}
