package dev.unfold.app.model;

/** One number of the convolution set by the parameter panel, with the range its slider offers. */
public enum ParamKey {
    N(1, 2), C(1, 4), H(1, 64), W(1, 64),
    KH(1, 11), KW(1, 11), SH(1, 8), SW(1, 8), PH(0, 8), PW(0, 8), DH(1, 4), DW(1, 4);

    private final int min;
    private final int max;

    ParamKey(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public int clamp(int value) {
        return Math.max(min, Math.min(max, value));
    }

    /** The pair this key belongs to, or null for N and C. */
    public Pair pair() {
        for (Pair p : Pair.values()) {
            if (p.height() == this || p.width() == this) {
                return p;
            }
        }
        return null;
    }
}
