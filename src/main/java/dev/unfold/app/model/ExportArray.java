package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import java.util.ArrayList;
import java.util.List;

/**
 * One array of the current frame that can be saved as {@code .npy} or CSV, exactly as the core computed it:
 * the values are the frame's own buffer, never recomputed.
 *
 * @param key    resource-bundle key of its name in menus and messages
 * @param stem   file name without extension, suggested to the user
 * @param shape  the array's shape as NumPy would see it (the layout's, for the column matrix)
 * @param values C-order values; shared with the frame, not copied, and never written
 * @param rows   rows of the CSV, which has to be two-dimensional
 * @param header CSV column names (its width is their number)
 */
public record ExportArray(String key, String stem, int[] shape, double[] values, int rows, List<String> header) {

    public int cols() {
        return header.size();
    }

    /** The arrays of an im2col frame: the input x (N, C, H, W) and the column matrix in its layout's shape. */
    public static List<ExportArray> of(Frame f) {
        Geometry g = f.geometry();
        return List.of(image("array.input", "input", g.inputShape(), f.input()),
                matrix("array.column", "columns-" + f.layout().label(), g, f.layout(), f.column()));
    }

    /**
     * The arrays the col2im view shows: the gradient column matrix it accumulates (in its layout) and the input
     * gradient gx = col2im(gcol) that the animation ends with, both the backend's own results.
     */
    public static List<ExportArray> ofCol2im(BackwardFrame b) {
        Geometry g = b.geometry();
        String l = b.layout().label();
        return List.of(matrix("array.gradColumn", "gradient-columns-" + l, g, b.layout(), b.gradColumn()),
                image("array.gradInput", "gradient-input", g.inputShape(), b.col2im()));
    }

    /**
     * The arrays of the GEMM view, all from the core's Conv2d: the output y and its gradient gy (N, OC, OH, OW),
     * the weights W and their gradient gW (OC, C·KH·KW), the bias gradient gb (OC), the column gradient
     * gcol = gy · W (N·OH·OW, C·KH·KW) and the input gradient gx = col2im(gcol) (N, C, H, W).
     */
    public static List<ExportArray> ofGemm(BackwardFrame b) {
        Geometry g = b.geometry();
        int oc = b.outChannels();
        int[] outShape = {g.n(), oc, g.oh(), g.ow()};
        List<String> ocs = new ArrayList<>();
        for (int o = 0; o < oc; o++) {
            ocs.add("oc" + o);
        }
        int[] wShape = {oc, g.patchSize()};
        return List.of(image("array.output", "output", outShape, b.output()),
                image("array.outputGrad", "gradient-output", outShape, b.outputGrad()),
                new ExportArray("array.weight", "weights", wShape, b.weight(), oc, taps(g)),
                new ExportArray("array.weightGrad", "gradient-weights", wShape, b.gradients().weight(), oc, taps(g)),
                new ExportArray("array.biasGrad", "gradient-bias", new int[] {oc}, b.gradients().bias(), 1, ocs),
                matrix("array.convGradColumn", "gradient-columns-gemm", g, Layout.ROWS, b.gradients().column()),
                image("array.convGradInput", "gradient-input-gemm", g.inputShape(), b.gradients().input()));
    }

    /** An (N, C, H, W)-like array; its CSV has one row per image row, (N·C·H, W). */
    private static ExportArray image(String key, String stem, int[] shape, double[] values) {
        int w = shape[shape.length - 1];
        List<String> xs = new ArrayList<>();
        for (int x = 0; x < w; x++) {
            xs.add("x" + x);
        }
        return new ExportArray(key, stem, shape, values, values.length / w, xs);
    }

    /**
     * A column matrix in a layout's shape; as CSV the same memory read as rows of patches (N·OH·OW, C·KH·KW)
     * for {@code rows}, or of kernel taps (N·C·KH·KW, OH·OW) for {@code tensor} and {@code torch}.
     */
    private static ExportArray matrix(String key, String stem, Geometry g, Layout l, double[] values) {
        if (l.patchMajor()) {
            return new ExportArray(key, stem, l.shape(g), values, g.patchCount(), taps(g));
        }
        List<String> cols = new ArrayList<>();
        for (int oy = 0; oy < g.oh(); oy++) {
            for (int ox = 0; ox < g.ow(); ox++) {
                cols.add("oy" + oy + "_ox" + ox);
            }
        }
        return new ExportArray(key, stem, l.shape(g), values, g.n() * g.patchSize(), cols);
    }

    /** Column names (c, ky, kx) of a patch. */
    private static List<String> taps(Geometry g) {
        List<String> cols = new ArrayList<>();
        for (int c = 0; c < g.c(); c++) {
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++) {
                    cols.add("c" + c + "_ky" + ky + "_kx" + kx);
                }
            }
        }
        return cols;
    }
}
