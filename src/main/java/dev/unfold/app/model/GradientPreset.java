package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/** What the col2im view accumulates: a gradient column matrix (N·OH·OW, C·KH·KW). */
public enum GradientPreset {
    /** All ones: the result is each pixel's window count. */
    ONES,
    /** Whole numbers −3..3 from a fixed seed. */
    RANDOM,
    /** 1, 2, 3, … row after row: every element unique. */
    RAMP,
    /** The column gradient gy · W of the convolution view. */
    FROM_CONV;

    private static final long RANDOM_SEED = 0xC012_1A5EL;

    public String key() {
        return "gradient." + name().toLowerCase(Locale.ROOT);
    }

    /**
     * The gradient column in rows order (N·OH·OW, C·KH·KW).
     *
     * @param convColumn the convolution's column gradient, used by {@link #FROM_CONV}
     */
    public double[] rows(Geometry g, double[] convColumn) {
        double[] col = new double[g.columnSize()];
        switch (this) {
            case ONES -> Arrays.fill(col, 1);
            case RANDOM -> {
                Random r = new Random(RANDOM_SEED);
                for (int i = 0; i < col.length; i++) {
                    col[i] = r.nextInt(7) - 3;
                }
            }
            case RAMP -> {
                for (int i = 0; i < col.length; i++) {
                    col[i] = i + 1;
                }
            }
            case FROM_CONV -> {
                return convColumn.clone();
            }
        }
        return col;
    }
}
