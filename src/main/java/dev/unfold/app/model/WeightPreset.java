package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.Locale;
import java.util.Random;

/**
 * Ready-made weights W (OC, C·KH·KW). Except for {@link #RANDOM}, output channel {@code oc} applies one KH × KW
 * filter to input channel {@code oc mod C} only, so with OC = C the identity gives back x.
 */
public enum WeightPreset {
    /** 1 at the kernel's centre tap (the upper-left of the middle four for an even size). */
    IDENTITY,
    /** 1/(KH·KW) at every tap: the mean of the window. */
    BOX_BLUR,
    /** −1 left of the middle column, +1 right of it, the middle row doubled: Sobel x for 3 × 3. */
    EDGE_X,
    /** The same across rows: Sobel y for 3 × 3. */
    EDGE_Y,
    /** Whole numbers −2..2 from a fixed seed, every channel. */
    RANDOM;

    private static final long RANDOM_SEED = 0x3E16_4751L;

    public String key() {
        return "weights." + name().toLowerCase(Locale.ROOT);
    }

    /** W as (OC, C·KH·KW), row-major. */
    public double[] fill(Geometry g, int outChannels) {
        int k = g.patchSize();
        int kk = g.kh() * g.kw();
        double[] w = new double[outChannels * k];
        if (this == RANDOM) {
            Random r = new Random(RANDOM_SEED);
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(5) - 2;
            }
            return w;
        }
        for (int oc = 0; oc < outChannels; oc++) {
            int c = oc % g.c();
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    w[oc * k + c * kk + ky * g.kw() + kx] = tap(g, ky, kx);
                }
            }
        }
        return w;
    }

    private double tap(Geometry g, int ky, int kx) {
        return switch (this) {
            case IDENTITY -> ky == (g.kh() - 1) / 2 && kx == (g.kw() - 1) / 2 ? 1 : 0;
            case BOX_BLUR -> 1.0 / (g.kh() * g.kw());
            case EDGE_X -> side(kx, g.kw()) * smooth(ky, g.kh());
            case EDGE_Y -> side(ky, g.kh()) * smooth(kx, g.kw());
            case RANDOM -> throw new AssertionError();
        };
    }

    /** −1 before the middle, 0 on it, +1 after it. */
    private static int side(int i, int size) {
        return (int) Math.signum(2 * i - (size - 1));
    }

    /** Sobel's smoothing across the edge: 2 on the middle line of an odd size of at least 3, else 1. */
    private static int smooth(int i, int size) {
        return size >= 3 && size % 2 == 1 && 2 * i == size - 1 ? 2 : 1;
    }
}
