package dev.unfold.core;

/**
 * How the column buffer is laid out. Patches are rows (n, oy, ox); taps are columns (c, ky, kx).
 * {@link #TENSOR} and {@link #TORCH} share one memory order and differ only in the shape they report.
 */
public enum Layout {
    /** (N·OH·OW, C·KH·KW): the seed's {@code to_matrix=True}. */
    ROWS("rows"),
    /** (N, C, KH, KW, OH, OW): the seed's {@code to_matrix=False}. */
    TENSOR("tensor"),
    /** (N, C·KH·KW, OH·OW): what {@code torch.nn.functional.unfold} returns. */
    TORCH("torch");

    private final String label;

    Layout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Layout parse(String text) {
        for (Layout l : values()) {
            if (l.label.equalsIgnoreCase(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + text + "' (expected rows, tensor or torch)");
    }

    /** True when patches are contiguous rows; false for the tap-major order shared by TENSOR and TORCH. */
    public boolean patchMajor() {
        return this == ROWS;
    }

    public int[] shape(Geometry g) {
        return switch (this) {
            case ROWS -> new int[] {g.patchCount(), g.patchSize()};
            case TENSOR -> new int[] {g.n(), g.c(), g.kh(), g.kw(), g.oh(), g.ow()};
            case TORCH -> new int[] {g.n(), g.patchSize(), g.oh() * g.ow()};
        };
    }

    /** Flat index of column element (patch row, tap) in this layout. */
    public int index(Geometry g, int row, int tap) {
        if (this == ROWS) {
            return row * g.patchSize() + tap;
        }
        int ohw = g.oh() * g.ow();
        int n = row / ohw;
        return (n * g.patchSize() + tap) * ohw + (row - n * ohw);
    }

    /** Patch row of flat index {@code index} in this layout. */
    public int rowOf(Geometry g, int index) {
        if (this == ROWS) {
            return index / g.patchSize();
        }
        int ohw = g.oh() * g.ow();
        return index / (g.patchSize() * ohw) * ohw + index % ohw;
    }

    /** Tap (column) of flat index {@code index} in this layout. */
    public int tapOf(Geometry g, int index) {
        if (this == ROWS) {
            return index % g.patchSize();
        }
        int ohw = g.oh() * g.ow();
        return index / ohw % g.patchSize();
    }

    @Override
    public String toString() {
        return label;
    }
}
