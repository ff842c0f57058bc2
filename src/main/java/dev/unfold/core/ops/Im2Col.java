package dev.unfold.core.ops;

import dev.unfold.core.Backend;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;

/** The seed's {@code Im2Col} Function: forward is im2col; backward is col2im with the same geometry. */
public final class Im2Col {
    private final Backend backend;
    private final Geometry geometry;
    private final Layout layout;

    public Im2Col(Backend backend, Geometry geometry, Layout layout) {
        this.backend = backend;
        this.geometry = geometry;
        this.layout = layout;
    }

    public double[] forward(double[] input) {
        return backend.im2col(geometry, layout, input);
    }

    /** Gradient with respect to the input, given the gradient of the column buffer. */
    public double[] backward(double[] columnGradient) {
        return backend.col2im(geometry, layout, columnGradient);
    }
}
