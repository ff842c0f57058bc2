package dev.unfold.core;

/** Element types the backends compute in. */
public enum DType {
    FLOAT32(4, "float32", "<f4"),
    FLOAT64(8, "float64", "<f8");

    private final int bytes;
    private final String label;
    private final String npyCode;

    DType(int bytes, String label, String npyCode) {
        this.bytes = bytes;
        this.label = label;
        this.npyCode = npyCode;
    }

    public int bytes() {
        return bytes;
    }

    /** The NumPy name, as users type it: float32, float64. */
    public String label() {
        return label;
    }

    /** The little-endian NumPy descr: {@code <f4}, {@code <f8}. */
    public String npyCode() {
        return npyCode;
    }

    public static DType parse(String text) {
        for (DType t : values()) {
            if (t.label.equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + text + "' (expected float32 or float64)");
    }

    @Override
    public String toString() {
        return label;
    }
}
