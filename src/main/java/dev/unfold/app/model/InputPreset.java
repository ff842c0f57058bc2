package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/** Ready-made values for the input x, each the same every time for the same shape. */
public enum InputPreset implements InputSource {
    /** Every pixel 1: col2im(im2col(x)) then shows each pixel's window count. */
    ONES,
    /** 1, 2, 3, … in (n, c, y, x) order: every value unique, so every copy can be traced to its source. */
    RAMP,
    /** The seed notebook's 4×4 image 1..16, repeated over larger planes. */
    SEED,
    /** Whole numbers 0..9, from a fixed seed. */
    RANDOM;

    private static final long RANDOM_SEED = 0x5EED_1234L;

    public String key() {
        return "input." + name().toLowerCase(Locale.ROOT);
    }

    @Override
    public double[] fill(Geometry g) {
        double[] x = new double[g.inputSize()];
        switch (this) {
            case ONES -> Arrays.fill(x, 1);
            case RAMP -> {
                return InputSource.RAMP.fill(g);
            }
            case SEED -> {
                for (int i = 0; i < x.length; i++) {
                    int y = i / g.w() % g.h();
                    int col = i % g.w();
                    x[i] = (y % 4) * 4 + col % 4 + 1;
                }
            }
            case RANDOM -> {
                Random r = new Random(RANDOM_SEED);
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(10);
                }
            }
        }
        return x;
    }

    /** The preset under {@code s}, edits or not; null for a source that is no preset (an image, say). */
    public static InputPreset of(InputSource s) {
        InputSource base = s instanceof EditedInput e ? e.base() : s;
        if (base == InputSource.RAMP) {
            return RAMP;
        }
        return base instanceof InputPreset p ? p : null;
    }
}
