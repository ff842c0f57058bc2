package dev.unfold.core;

/**
 * im2col and col2im straight from their definition, one element at a time, as in
 * shared/bench/reference.py: tap (ky, kx) of patch (n, oy, ox) reads input (oy·SH − PH + ky·DH,
 * ox·SW − PW + kx·DW), or zero outside the input. col2im adds every column element back onto the pixel it
 * was read from, taps in (ky, kx) order.
 */
public final class Reference {
    private Reference() {
    }

    public static double[] im2col(Geometry g, Layout layout, double[] x) {
        double[] col = new double[g.columnSize()];
        forEach(g, (n, c, ky, kx, oy, ox, iy, ix) -> {
            boolean inside = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
            col[index(g, layout, n, c, ky, kx, oy, ox)] = inside ? x[((n * g.c() + c) * g.h() + iy) * g.w() + ix] : 0.0;
        });
        return col;
    }

    public static float[] im2col(Geometry g, Layout layout, float[] x) {
        float[] col = new float[g.columnSize()];
        forEach(g, (n, c, ky, kx, oy, ox, iy, ix) -> {
            boolean inside = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
            col[index(g, layout, n, c, ky, kx, oy, ox)] = inside ? x[((n * g.c() + c) * g.h() + iy) * g.w() + ix] : 0f;
        });
        return col;
    }

    public static double[] col2im(Geometry g, Layout layout, double[] col) {
        double[] x = new double[g.inputSize()];
        forEach(g, (n, c, ky, kx, oy, ox, iy, ix) -> {
            if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                x[((n * g.c() + c) * g.h() + iy) * g.w() + ix] += col[index(g, layout, n, c, ky, kx, oy, ox)];
            }
        });
        return x;
    }

    public static float[] col2im(Geometry g, Layout layout, float[] col) {
        float[] x = new float[g.inputSize()];
        forEach(g, (n, c, ky, kx, oy, ox, iy, ix) -> {
            if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                x[((n * g.c() + c) * g.h() + iy) * g.w() + ix] += col[index(g, layout, n, c, ky, kx, oy, ox)];
            }
        });
        return x;
    }

    /**
     * Where element (n, c, ky, kx, oy, ox) lies in each layout, written out from the shapes rather than taken
     * from {@link Layout#index}, which the tests check against this: ROWS is the (N·OH·OW, C·KH·KW) matrix; TENSOR
     * (N, C, KH, KW, OH, OW) and TORCH (N, C·KH·KW, OH·OW) are the same C-order memory under two shapes.
     */
    public static int index(Geometry g, Layout layout, int n, int c, int ky, int kx, int oy, int ox) {
        return switch (layout) {
            case ROWS -> (((n * g.oh() + oy) * g.ow() + ox) * g.c() + c) * g.kh() * g.kw() + ky * g.kw() + kx;
            case TENSOR, TORCH -> ((((n * g.c() + c) * g.kh() + ky) * g.kw() + kx) * g.oh() + oy) * g.ow() + ox;
        };
    }

    /** Number of windows that cover each input pixel, counted by brute force over all (patch, tap). */
    public static int[] windowCounts(Geometry g) {
        int[] count = new int[g.inputSize()];
        forEach(g, (n, c, ky, kx, oy, ox, iy, ix) -> {
            if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                count[((n * g.c() + c) * g.h() + iy) * g.w() + ix]++;
            }
        });
        return count;
    }

    /** Output size by counting the window positions that fit, instead of the formula. */
    public static int outSizeByCounting(int size, int k, int s, int p, int d) {
        int count = 0;
        for (int start = -p; start + d * (k - 1) <= size - 1 + p; start += s) {
            count++;
        }
        return count;
    }

    interface Visitor {
        void visit(int n, int c, int ky, int kx, int oy, int ox, int iy, int ix);
    }

    /** Every (patch, tap) pair; taps outermost so each pixel's contributions come in (ky, kx) order. */
    private static void forEach(Geometry g, Visitor v) {
        for (int ky = 0; ky < g.kh(); ky++) {
            for (int kx = 0; kx < g.kw(); kx++) {
                for (int n = 0; n < g.n(); n++) {
                    for (int c = 0; c < g.c(); c++) {
                        for (int oy = 0; oy < g.oh(); oy++) {
                            for (int ox = 0; ox < g.ow(); ox++) {
                                v.visit(n, c, ky, kx, oy, ox,
                                        oy * g.sh() - g.ph() + ky * g.dh(), ox * g.sw() - g.pw() + kx * g.dw());
                            }
                        }
                    }
                }
            }
        }
    }
}
