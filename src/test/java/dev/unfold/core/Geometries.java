package dev.unfold.core;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random valid geometries for property tests, built so that the edge cases show up often: dilation,
 * stride larger than the kernel, padding at least the kernel, 1×1 kernels, a window exactly as large as
 * the padded input, N and C above one.
 */
public final class Geometries {
    private Geometries() {
    }

    /** Geometries with at most {@code maxColumn} column elements, far-out padding and stride included. */
    public static Arbitrary<Geometry> small(int maxColumn) {
        return Arbitraries.randomValue(r -> draw(r, maxColumn));
    }

    /** Geometries a student can dial in on screen: no padding or stride far beyond the input. */
    public static Arbitrary<Geometry> onScreen(int maxColumn) {
        return Arbitraries.randomValue(r -> drawOrdinary(r, maxColumn));
    }

    public static Geometry draw(Random r, int maxColumn) {
        if (r.nextInt(12) == 0) {
            return farOut(r, maxColumn);
        }
        return drawOrdinary(r, maxColumn);
    }

    private static Geometry drawOrdinary(Random r, int maxColumn) {
        if (r.nextInt(12) == 0) {
            return samePadding(r, maxColumn);
        }
        while (true) {
            int n = 1 + r.nextInt(3);
            int c = 1 + r.nextInt(3);
            int kh = pickKernel(r);
            int kw = r.nextInt(3) == 0 ? kh : pickKernel(r);
            int dh = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int dw = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : dh;
            int sh = 1 + r.nextInt(r.nextInt(4) == 0 ? 5 : 2);
            int sw = r.nextInt(3) == 0 ? sh : 1 + r.nextInt(4);
            int ph = pickPad(r, kh);
            int pw = r.nextInt(3) == 0 ? ph : pickPad(r, kw);
            int h = pickSize(r, kh, dh, ph);
            int w = pickSize(r, kw, dw, pw);
            if (Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
                if (g.columnSize() <= maxColumn) {
                    return g;
                }
            }
        }
    }

    /**
     * Padding and stride far beyond a tiny input, so that padded buffers would dwarf the data: the loops
     * must switch to their general forms (and stay exact).
     */
    public static Geometry farOut(Random r, int maxColumn) {
        while (true) {
            int k = 1 + r.nextInt(3);
            int d = 1 + r.nextInt(2);
            int reach = r.nextBoolean() ? 3_000 : 300_000;
            int ph = 50 + r.nextInt(reach);
            int pw = r.nextBoolean() ? ph : 50 + r.nextInt(reach);
            int sh = Math.max(1, ph / 2 + r.nextInt(2 * ph));
            int sw = Math.max(1, pw / 2 + r.nextInt(2 * pw));
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            int h = 1 + r.nextInt(6);
            int w = 1 + r.nextInt(6);
            if (Geometry.problems(n, c, h, w, k, k, sh, sw, ph, pw, d, d).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, k, k, sh, sw, ph, pw, d, d);
                if (g.columnSize() <= maxColumn) {
                    return g;
                }
            }
        }
    }

    /**
     * Kernels 3 to 9 wide with strides and dilations up to 3, 2 to 8 channels and inputs up to 200 wide, as a
     * stem or a deeper layer has: patch rows long enough that ROWS im2col builds them from one or more rows
     * back, shifted by one or more taps, and output rows long enough that col2im adds them through a stage.
     */
    public static Geometry wideKernel(Random r, int maxColumn) {
        while (true) {
            int kw = 3 + r.nextInt(7);
            int kh = 1 + r.nextInt(4);
            int sw = 1 + r.nextInt(3);
            int dw = 1 + r.nextInt(3);
            int sh = 1 + r.nextInt(3);
            int dh = 1 + r.nextInt(2);
            int pw = r.nextInt(kw + 1);
            int ph = r.nextInt(kh + 1);
            int w = 1 + r.nextInt(r.nextBoolean() ? 100 : 200);
            int h = 1 + r.nextInt(8);
            int n = 1 + r.nextInt(2);
            int c = 2 + r.nextInt(7);
            if (Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
                if (g.columnSize() <= maxColumn && g.patchSize() >= 64) {
                    return g;
                }
            }
        }
    }

    /**
     * 16 to 40 channels, kernels up to 7 wide, strides and dilations up to 3, small inputs: what a deeper layer
     * has, where ROWS im2col reads the taps a reused row lacks from a channels-last copy of the image.
     */
    public static Geometry manyChannels(Random r, int maxColumn) {
        while (true) {
            int kw = 3 + r.nextInt(5);
            int kh = 1 + r.nextInt(3);
            int sw = 1 + r.nextInt(3);
            int dw = 1 + r.nextInt(3);
            int sh = 1 + r.nextInt(2);
            int dh = 1 + r.nextInt(2);
            int pw = r.nextInt(kw + 1);
            int ph = r.nextInt(kh + 1);
            int w = 1 + r.nextInt(32);
            int h = 1 + r.nextInt(6);
            int n = 1 + r.nextInt(3);
            int c = 16 + r.nextInt(25);
            if (Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
                if (g.columnSize() <= maxColumn) {
                    return g;
                }
            }
        }
    }

    /**
     * Strides up to 13 and dilations up to 9 on inputs up to 60 wide: strides and dilations with larger common
     * factors and longer runs of Euclid's algorithm between them than the other generators draw.
     */
    public static Geometry longStrides(Random r, int maxColumn) {
        while (true) {
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(8);
            int sh = 1 + r.nextInt(13);
            int sw = 1 + r.nextInt(13);
            int dh = 1 + r.nextInt(9);
            int dw = 1 + r.nextInt(9);
            int ph = r.nextInt(8);
            int pw = r.nextInt(8);
            int h = 1 + r.nextInt(24);
            int w = 1 + r.nextInt(60);
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(2);
            if (Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
                if (g.columnSize() <= maxColumn) {
                    return g;
                }
            }
        }
    }

    /** Stride 1 and "same" padding, DW·(KW−1) = 2·PW: the loops' one-copy-per-slab path. */
    public static Geometry samePadding(Random r, int maxColumn) {
        while (true) {
            int pw = r.nextInt(4);
            int dw = 1 + r.nextInt(2);
            if ((2 * pw) % dw != 0) {
                continue;
            }
            int kw = 2 * pw / dw + 1;
            int kh = 1 + r.nextInt(5);
            int dh = 1 + r.nextInt(2);
            int ph = r.nextInt(4);
            int h = 1 + r.nextInt(10);
            int w = 1 + r.nextInt(12);
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            if (Geometry.problems(n, c, h, w, kh, kw, 1, 1, ph, pw, dh, dw).isEmpty()) {
                Geometry g = new Geometry(n, c, h, w, kh, kw, 1, 1, ph, pw, dh, dw);
                if (g.columnSize() <= maxColumn && g.ow() == g.w()) {
                    return g;
                }
            }
        }
    }

    private static int pickKernel(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> 1;
            case 1 -> 2;
            case 2 -> 3;
            default -> 1 + r.nextInt(6);
        };
    }

    private static int pickPad(Random r, int k) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> k + r.nextInt(2); // padding at least the kernel
            default -> r.nextInt(3);
        };
    }

    private static int pickSize(Random r, int k, int d, int p) {
        int span = d * (k - 1) + 1;
        int exact = Math.max(1, span - 2 * p);
        return r.nextInt(4) == 0 ? exact : 1 + r.nextInt(12); // sometimes the window fills the padded input
    }
}
