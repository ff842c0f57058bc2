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

    /** Orders that visit every column element once: the step decodes straight into (row, tap). */
    private record Arithmetic(Geometry geometry, Layout layout, TraceOrder order) implements Trace {

        @Override
        public long length() {
            return geometry.columnSize();
        }

        @Override
        public Move move(long step) {
            Geometry g = geometry;
            if (step < 0 || step >= length()) {
                throw new IndexOutOfBoundsException("step " + step + " outside [0, " + length() + ")");
            }
            int s = (int) step;
            int kk = g.kh() * g.kw();
            int ohw = g.oh() * g.ow();
            int row;
            int tap;
            switch (order) {
                case IM2COL_BY_PATCH -> {
                    row = s / g.patchSize();
                    tap = s % g.patchSize();
                }
                case IM2COL_BY_THREAD -> {
                    int c0 = s / (kk * ohw);
                    row = c0 / g.c() * ohw + s % ohw;
                    tap = c0 % g.c() * kk + s / ohw % kk;
                }
                default -> { // by tap: slab (ky, kx) outermost, then n, c, oy, ox as numpy assigns a slab
                    int slabSize = g.n() * g.c() * ohw;
                    int slab = s / slabSize;
                    int r = s % slabSize;
                    int n = r / (g.c() * ohw);
                    int c = r / ohw % g.c();
                    row = n * ohw + r % ohw;
                    tap = c * kk + slab;
                }
            }
            ColumnElement e = ColumnElement.of(g, row, tap);
            int input = e.inputIndex(g);
            long thread = order.im2col() ? e.tensorIndex(g) : input;
            return new Move(step, input, layout.index(g, row, tap), row, tap, thread);
        }
    }

    /**
     * The seed's GPU col2im: thread = input pixel, visiting the (ky, oy) × (kx, ox) pairs that reach it,
     * ky outer, kx inner. Pairs factor by axis, so per-axis tables give random access to any step.
     */
    private static final class ByPixel implements Trace {
        private final Geometry g;
        private final Layout layout;
        private final AxisPairs ys;
        private final AxisPairs xs;

        ByPixel(Geometry g, Layout layout) {
            this.g = g;
            this.layout = layout;
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
            return (long) g.n() * g.c() * ys.total() * xs.total();
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
            int n = plane / g.c();
            int c = plane % g.c();
            int row = (n * g.oh() + ys.out[a]) * g.ow() + xs.out[b];
            int tap = (c * g.kh() + ys.tap[a]) * g.kw() + xs.tap[b];
            int input = (plane * g.h() + y) * g.w() + x;
            return new Move(step, input, layout.index(g, row, tap), row, tap, input);
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
