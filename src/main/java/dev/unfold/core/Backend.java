package dev.unfold.core;

/**
 * A compute backend: im2col, its adjoint col2im, and the matrix product Conv2d needs.
 * Every backend gives the same results: im2col bit for bit, col2im summing each input element's
 * contributions in kernel-tap order (ky, then kx), starting from zero, as the seed's loops do.
 *
 * <p>Callers pass the output buffers, sized {@link Geometry#columnSize()} and {@link Geometry#inputSize()},
 * so that repeated calls allocate nothing in proportion to the data. col2im overwrites its output (it does
 * not add to it).
 */
public interface Backend extends AutoCloseable {

    /** Short name as typed on the command line: {@code cpu}, {@code cuda}. */
    String name();

    /** One line for status bars and {@code info}: the device and how it is used. */
    String description();

    /** {@link #description()} in parts; a backend that gives none has its description as the device. */
    default BackendParts parts() {
        return new BackendParts(name(), 0, description(), null, null);
    }

    void im2col(Geometry g, Layout layout, float[] input, float[] column);

    void im2col(Geometry g, Layout layout, double[] input, double[] column);

    void col2im(Geometry g, Layout layout, float[] column, float[] input);

    void col2im(Geometry g, Layout layout, double[] column, double[] input);

    /**
     * Row-major {@code c (m×n) = op(a) · op(b)} where op(a) is m×k and op(b) is k×n; {@code transA} means
     * {@code a} is stored k×m, {@code transB} that {@code b} is stored n×k.
     */
    void matmul(int m, int n, int k, double[] a, boolean transA, double[] b, boolean transB, double[] c);

    default float[] im2col(Geometry g, Layout layout, float[] input) {
        float[] column = new float[g.columnSize()];
        im2col(g, layout, input, column);
        return column;
    }

    default double[] im2col(Geometry g, Layout layout, double[] input) {
        double[] column = new double[g.columnSize()];
        im2col(g, layout, input, column);
        return column;
    }

    default float[] col2im(Geometry g, Layout layout, float[] column) {
        float[] input = new float[g.inputSize()];
        col2im(g, layout, column, input);
        return input;
    }

    default double[] col2im(Geometry g, Layout layout, double[] column) {
        double[] input = new double[g.inputSize()];
        col2im(g, layout, column, input);
        return input;
    }

    /** Releases device memory and threads; the CPU backend's threads are daemons, so closing is optional. */
    @Override
    default void close() {
    }

    /** Throws a clear IllegalArgumentException when the matrices of {@link #matmul} have the wrong sizes. */
    static void checkProduct(int m, int n, int k, double[] a, double[] b, double[] c) {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("matrix sizes must be at least 1, got m=" + m + " n=" + n + " k=" + k);
        }
        checkLength("a", a.length, (long) m * k);
        checkLength("b", b.length, (long) k * n);
        checkLength("c", c.length, (long) m * n);
    }

    private static void checkLength(String name, int actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("matrix " + name + " has " + actual + " elements, expected " + expected);
        }
    }

    /** Throws a clear IllegalArgumentException when buffers do not match the geometry. */
    static void checkBuffers(Geometry g, int inputLength, int columnLength) {
        if (inputLength != g.inputSize()) {
            throw new IllegalArgumentException("input buffer has " + inputLength + " elements but N·C·H·W = "
                    + g.inputSize() + " for " + g);
        }
        if (columnLength != g.columnSize()) {
            throw new IllegalArgumentException("column buffer has " + columnLength + " elements but "
                    + "(N·OH·OW)·(C·KH·KW) = " + g.columnSize() + " for " + g);
        }
    }
}
