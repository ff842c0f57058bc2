package dev.unfold.core;

/** What the user asked for: {@code auto} takes CUDA when a device works, else the CPU. */
public enum BackendChoice {
    AUTO, CPU, CUDA;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static BackendChoice parse(String text) {
        for (BackendChoice b : values()) {
            if (b.label().equalsIgnoreCase(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + text + "' (expected auto, cpu or cuda)");
    }
}
