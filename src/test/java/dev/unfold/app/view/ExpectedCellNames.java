package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the texts must call column element (row, tap), worked out from {@link Layout#index} and
 * {@link Layout#shape} alone: its index in the layout's own shape. Each call also checks that the numbers are
 * the ones on the headers the column views draw the element under.
 */
final class ExpectedCellNames {
    private ExpectedCellNames() {
    }

    static String name(String array, Geometry g, Layout layout, int row, int tap) {
        int flat = layout.index(g, row, tap);
        int[] idx = unravel(flat, layout.shape(g));
        ColumnGrid grid = ColumnGrid.of(g, layout);
        String rowHeader = grid.rowLabel(flat / grid.cols());
        String colHeader = grid.colLabel(flat % grid.cols());
        return switch (layout) {
            case ROWS -> array + "[row " + row + ", column " + tap + "]";
            case TENSOR -> {
                // (n, c, ky, kx, oy) down the side, ox along the top
                assertEquals(join(idx, ","), rowHeader + "," + colHeader, "tensor headers");
                yield array + "[" + join(idx, ", ") + "]";
            }
            case TORCH -> {
                // (n, c·KH·KW + ky·KW + kx, oy·OW + ox): the headers spell the last two out
                int kk = g.kh() * g.kw();
                String down = idx[0] + "," + idx[1] / kk + "," + idx[1] % kk / g.kw() + "," + idx[1] % g.kw();
                String across = idx[2] / g.ow() + "," + idx[2] % g.ow();
                assertEquals(down, rowHeader, "torch row header");
                assertEquals(across, colHeader, "torch column header");
                yield array + "[" + join(idx, ", ") + "] (grid row " + down + ", column " + across + ")";
            }
        };
    }

    /** The drawn shape as the captions give it: "(1, 1, 2, 2, 5, 5)  drawn 20 × 5". */
    static String caption(Geometry g, Layout layout) {
        int[] shape = layout.shape(g);
        int cols = shape[shape.length - 1];
        int rows = Arrays.stream(shape).reduce(1, (a, b) -> a * b) / cols;
        return "(" + join(shape, ", ") + ")  drawn " + rows + " × " + cols;
    }

    static String join(int[] values, String separator) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(separator));
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }
}
