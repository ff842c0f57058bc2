package dev.unfold.core.trace;

/** The orders in which the seed's loops move elements, one trace each. */
public enum TraceOrder {
    /** im2col, one row of the column matrix after another: patch (n, oy, ox), then tap (c, ky, kx). */
    IM2COL_BY_PATCH(true, "patch"),
    /** im2col as the seed's CPU loop: for each (ky, kx) one strided slab over (n, c, oy, ox). */
    IM2COL_BY_TAP(true, "tap"),
    /** im2col as the seed's CUDA kernel: one thread per element of the (N, C, KH, KW, OH, OW) tensor. */
    IM2COL_BY_THREAD(true, "thread"),
    /** col2im as the seed's CPU loop: for each (ky, kx), scatter-add one slab into the padded image. */
    COL2IM_BY_TAP(false, "tap"),
    /** col2im as the seed's CUDA kernel: one thread per input element, gathering the entries that reach it. */
    COL2IM_BY_PIXEL(false, "pixel");

    private final boolean im2col;
    private final String label;

    TraceOrder(boolean im2col, String label) {
        this.im2col = im2col;
        this.label = label;
    }

    public boolean im2col() {
        return im2col;
    }

    /** The word used on the command line: patch, tap, thread, pixel. */
    public String label() {
        return label;
    }
}
