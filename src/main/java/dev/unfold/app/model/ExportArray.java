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

    /**
     * The arrays of an im2col frame: the input x (N, C, H, W), as CSV (N·C·H, W); and the column matrix in
     * its layout's shape, as CSV the same memory read as rows of patches (N·OH·OW, C·KH·KW) for {@code rows},
     * or of kernel taps (N·C·KH·KW, OH·OW) for {@code tensor} and {@code torch}.
     */
    public static List<ExportArray> of(Frame f) {
        Geometry g = f.geometry();
        List<String> xs = new ArrayList<>();
        for (int x = 0; x < g.w(); x++) {
            xs.add("x" + x);
        }
        ExportArray input = new ExportArray("array.input", "input", g.inputShape(), f.input(),
                g.n() * g.c() * g.h(), xs);
        Layout l = f.layout();
        List<String> cols = new ArrayList<>();
        int rows;
        if (l.patchMajor()) {
            for (int c = 0; c < g.c(); c++) {
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        cols.add("c" + c + "_ky" + ky + "_kx" + kx);
                    }
                }
            }
            rows = g.patchCount();
        } else {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    cols.add("oy" + oy + "_ox" + ox);
                }
            }
            rows = g.n() * g.patchSize();
        }
        ExportArray column = new ExportArray("array.column", "columns-" + l.label(), l.shape(g), f.column(), rows,
                cols);
        return List.of(input, column);
    }
}
