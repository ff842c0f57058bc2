package dev.unfold.core.ops;

import dev.unfold.core.Backend;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;

/** The seed's {@code Col2Im} Function: forward is col2im; backward is im2col with the same geometry. */
public final class Col2Im {
    private final Backend backend;
    private final Geometry geometry;
    private final Layout layout;

    public Col2Im(Backend backend, Geometry geometry, Layout layout) {
        this.backend = backend;
        this.geometry = geometry;
        this.layout = layout;
    }

    public double[] forward(double[] column) {
        return backend.col2im(geometry, layout, column);
    }

    /** Gradient with respect to the column buffer, given the gradient of the image. */
    public double[] backward(double[] inputGradient) {
        return backend.im2col(geometry, layout, inputGradient);
    }
}
