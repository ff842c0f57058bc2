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
            int row = n * d.ohw + ys.out(y, a) * d.ow + xs.out(x, b);
            int tap = (c * d.kh + ys.tap(y, a)) * d.kw + xs.tap(x, b);
            return d.move(step, row, tap, false);
        }
    }

    /**
     * For each input position along one axis, the (tap, output) pairs that read it, in tap order, worked out
     * rather than listed: tap k reaches position i from output (i + pad − k·dilation) / stride where that divides
     * and lands in [0, out), so a position's taps are every (stride / gcd)-th one over a range. Two ints per
     * input position, not per pair: a wide kernel on a long row has as many pairs as the trace has moves.
     */
    private static final class AxisPairs {
        final int[] offset; // pairs of position i are [offset[i], offset[i+1])
        private final int[] firstTap;
        private final int tapStep;
        private final Axis axis;

        AxisPairs(Axis axis) {
            this.axis = axis;
            int s = axis.stride(), d = axis.dilation(), common = gcd(s, d);
            tapStep = s / common;
            // k·d ≡ i + pad (mod s) holds for k ≡ ((i + pad) / common)·inverse (mod tapStep), if common divides i + pad
            long inverse = inverse((d / common) % tapStep, tapStep);
            long reach = (long) (axis.out() - 1) * s;
            offset = new int[axis.size() + 1];
            firstTap = new int[axis.size()];
            for (int i = 0; i < axis.size(); i++) {
                long at = (long) i + axis.pad();
                int count = 0;
                if (at % common == 0) {
                    long lo = Math.max(0, ceilDiv(at - reach, d)); // output ≤ out − 1
                    long hi = Math.min(axis.kernel() - 1, at / d); // output ≥ 0
                    long residue = (at / common) % tapStep * inverse % tapStep;
                    long first = lo + Math.floorMod(residue - lo, (long) tapStep);
                    if (first <= hi) {
                        firstTap[i] = (int) first;
                        count = (int) ((hi - first) / tapStep + 1);
                    }
                }
                offset[i + 1] = offset[i] + count;
            }
        }

        int total() {
            return offset[offset.length - 1];
        }

        int count(int i) {
            return offset[i + 1] - offset[i];
        }

        /** The tap of pair {@code p}, the (p − offset[i])-th of position i. */
        int tap(int i, int p) {
            return firstTap[i] + (p - offset[i]) * tapStep;
        }

        /** The output position of pair {@code p} of position i. */
        int out(int i, int p) {
            return (int) (((long) i + axis.pad() - (long) tap(i, p) * axis.dilation()) / axis.stride());
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

        private static long ceilDiv(long a, long b) {
            return -Math.floorDiv(-a, b);
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        /** x with a·x ≡ 1 (mod m), for a and m coprime; 0 when m = 1. */
        private static long inverse(long a, long m) {
            long r0 = m, r1 = a, x0 = 0, x1 = 1;
            while (r1 != 0) {
                long q = r0 / r1, r = r0 - q * r1, x = x0 - q * x1;
                r0 = r1;
                r1 = r;
                x0 = x1;
                x1 = x;
            }
            return Math.floorMod(x0, m);
        }
    }
}
