package dev.unfold.app.model;

import java.util.Locale;

/**
 * The three matrix products of a convolution, C (m × n) = A (m × k) · B (k × n), read out of a
 * {@link BackwardFrame}: the forward pass and the two halves of the backward pass. C is always the core's result;
 * A and B are what it multiplied.
 */
public enum Product {
    /** y = col · Wᵀ (+ b): (N·OH·OW, OC) from (N·OH·OW, C·KH·KW) and (C·KH·KW, OC). */
    FORWARD,
    /** gcol = gy · W: (N·OH·OW, C·KH·KW) from (N·OH·OW, OC) and (OC, C·KH·KW). */
    COLUMN_GRADIENT,
    /** gW = gyᵀ · col: (OC, C·KH·KW) from (OC, N·OH·OW) and (N·OH·OW, C·KH·KW). */
    WEIGHT_GRADIENT;

    public String key() {
        return "product." + name().toLowerCase(Locale.ROOT);
    }

    public int m(BackwardFrame f) {
        return this == WEIGHT_GRADIENT ? f.outChannels() : f.rows();
    }

    public int n(BackwardFrame f) {
        return this == FORWARD ? f.outChannels() : f.taps();
    }

    public int k(BackwardFrame f) {
        return switch (this) {
            case FORWARD -> f.taps();
            case COLUMN_GRADIENT -> f.outChannels();
            case WEIGHT_GRADIENT -> f.rows();
        };
    }

    /** Steps of the animation: one multiply-add per term of every element. */
    public long length(BackwardFrame f) {
        return (long) m(f) * n(f) * k(f);
    }

    public double a(BackwardFrame f, int i, int t) {
        return switch (this) {
            case FORWARD -> f.col(i, t);
            case COLUMN_GRADIENT -> f.gy(i, t);
            case WEIGHT_GRADIENT -> f.gy(t, i);
        };
    }

    public double b(BackwardFrame f, int t, int j) {
        return switch (this) {
            case FORWARD -> f.w(j, t);
            case COLUMN_GRADIENT -> f.w(t, j);
            case WEIGHT_GRADIENT -> f.col(t, j);
        };
    }

    /** The core's value of C[i, j] (the forward one with the bias added). */
    public double c(BackwardFrame f, int i, int j) {
        return switch (this) {
            case FORWARD -> f.y(i, j);
            case COLUMN_GRADIENT -> f.gradients().column()[i * f.taps() + j];
            case WEIGHT_GRADIENT -> f.gradients().weight()[i * f.taps() + j];
        };
    }

    /** The bias added to C[·, j] after the sum: only the forward product has one. */
    public double bias(BackwardFrame f, int j) {
        return this == FORWARD ? f.bias()[j] : 0;
    }

    /** The first {@code terms} products of row i of A and column j of B, added left to right. */
    public double partial(BackwardFrame f, int i, int j, int terms) {
        double s = 0;
        for (int t = 0; t < terms; t++) {
            s += a(f, i, t) * b(f, t, j);
        }
        return s;
    }

    /** Which element and term the animation is at after {@code position} multiply-adds; null at 0. */
    public Step stepAt(BackwardFrame f, long position) {
        long len = length(f);
        if (position <= 0 || len == 0) {
            return null;
        }
        long s = Math.min(position, len) - 1;
        int k = k(f);
        int n = n(f);
        long element = s / k;
        return new Step((int) (element / n), (int) (element % n), (int) (s % k), k);
    }

    /**
     * One multiply-add: term {@code t} of element C[i, j].
     *
     * @param k terms per element
     */
    public record Step(int i, int j, int t, int k) {
        public boolean last() {
            return t == k - 1;
        }
    }
}
