package dev.unfold.app.model;

/** The views of the main window; each shares the parameters and the transport. */
public enum ViewKind {
    IM2COL,
    /** col2im: a gradient column matrix accumulated back onto the input, and the overlap it reveals. */
    COL2IM,
    /** Convolution as one matrix product, forward and backward, from the core's Conv2d. */
    GEMM;

    public String key() {
        return "view." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
