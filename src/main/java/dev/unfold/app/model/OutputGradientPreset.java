package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/** The output gradient gy (N, OC, OH, OW) that the convolution's backward pass starts from. */
public enum OutputGradientPreset {
    /** All ones: the gradient of the sum of all outputs. */
    ONES,
    /** Whole numbers −2..2 from a fixed seed. */
    RANDOM,
    /** 1 at one output (n = 0, oc = 0, the middle of the OH × OW grid), 0 elsewhere: one output's receptive field. */
    ONE_HOT;

    private static final long RANDOM_SEED = 0x96AD_0017L;

    public String key() {
        return "outgrad." + name().toLowerCase(Locale.ROOT);
    }

    public double[] fill(Geometry g, int outChannels) {
        double[] gy = new double[g.n() * outChannels * g.oh() * g.ow()];
        switch (this) {
            case ONES -> Arrays.fill(gy, 1);
            case RANDOM -> {
                Random r = new Random(RANDOM_SEED);
                for (int i = 0; i < gy.length; i++) {
                    gy[i] = r.nextInt(5) - 2;
                }
            }
            case ONE_HOT -> gy[g.oh() / 2 * g.ow() + g.ow() / 2] = 1;
        }
        return gy;
    }
}
