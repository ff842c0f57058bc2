package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * How the column buffer is laid out on screen: its memory order, wrapped at the layout's last axis.
 * ROWS shows (N·OH·OW) × (C·KH·KW); TORCH shows (N·C·KH·KW) × (OH·OW); TENSOR shows every (n, c, ky, kx)
 * slab as an OH × OW block, the seed's {@code col[:, :, j, i, :, :]}. Display cell (r, k) is buffer
 * element {@code r·cols + k}, so what is drawn is the buffer itself.
 */
record ColumnGrid(Geometry g, Layout layout, int rows, int cols, int rowGroup, int colGroup) {

    static ColumnGrid of(Geometry g, Layout layout) {
        int ohw = g.oh() * g.ow();
        return switch (layout) {
            case ROWS -> new ColumnGrid(g, layout, g.patchCount(), g.patchSize(), ohw, g.kh() * g.kw());
            case TORCH -> new ColumnGrid(g, layout, g.n() * g.patchSize(), ohw, g.patchSize(), g.ow());
            case TENSOR -> new ColumnGrid(g, layout, g.columnSize() / g.ow(), g.ow(), g.oh(), 0);
        };
    }

    int flat(int r, int k) {
        return r * cols + k;
    }

    int rowOf(int flat) {
        return layout.rowOf(g, flat);
    }

    int tapOf(int flat) {
        return layout.tapOf(g, flat);
    }

    /** Display row of matrix element (row, tap). */
    int displayRow(int row, int tap) {
        return layout.index(g, row, tap) / cols;
    }

    int displayCol(int row, int tap) {
        return layout.index(g, row, tap) % cols;
    }

    /** Row header: the indices that stay fixed along display row {@code r}. */
    String rowLabel(int r) {
        ColumnElement e = element(flat(r, 0));
        return switch (layout) {
            case ROWS -> e.n() + "," + e.oy() + "," + e.ox();
            case TORCH -> e.n() + "," + e.c() + "," + e.ky() + "," + e.kx();
            case TENSOR -> e.n() + "," + e.c() + "," + e.ky() + "," + e.kx() + "," + e.oy();
        };
    }

    /** Column header: the indices that change along a display row. */
    String colLabel(int k) {
        ColumnElement e = element(flat(0, k));
        return switch (layout) {
            case ROWS -> e.c() + "," + e.ky() + "," + e.kx();
            case TORCH -> e.oy() + "," + e.ox();
            case TENSOR -> Integer.toString(e.ox());
        };
    }

    /** The names of the header indices, e.g. "n, oy, ox". */
    String rowAxes() {
        return switch (layout) {
            case ROWS -> "n,oy,ox";
            case TORCH -> "n,c,ky,kx";
            case TENSOR -> "n,c,ky,kx,oy";
        };
    }

    String colAxes() {
        return switch (layout) {
            case ROWS -> "c,ky,kx";
            case TORCH -> "oy,ox";
            case TENSOR -> "ox";
        };
    }

    /**
     * How the texts name element (row, tap) of the buffer called {@code array}: by its index in this layout's own
     * shape, so that the numbers are the ones on the grid's headers. ROWS: {@code col[row 6, column 3]};
     * TENSOR: {@code col[n, c, ky, kx, oy, ox]}, the row header's five and the column header's one; TORCH:
     * {@code col[n, c·KH·KW + ky·KW + kx, oy·OW + ox]} with the row and column header labels it is drawn under.
     */
    String name(I18n i18n, String array, int row, int tap) {
        ColumnElement e = ColumnElement.of(g, row, tap);
        return switch (layout) {
            case ROWS -> i18n.get("coords.rows", array, row, tap);
            case TENSOR -> i18n.get("coords.tensor", array, e.n(), e.c(), e.ky(), e.kx(), e.oy(), e.ox());
            case TORCH -> i18n.get("coords.torch", array, e.n(), e.tap(g), e.oy() * g.ow() + e.ox(),
                    rowLabel(displayRow(row, tap)), colLabel(displayCol(row, tap)));
        };
    }

    /** The layout's shape, e.g. (N, C, KH, KW, OH, OW) as "1, 1, 2, 2, 5, 5" with separator ", ". */
    String shape(String separator, IntFunction<String> number) {
        return Arrays.stream(layout.shape(g)).mapToObj(number).collect(Collectors.joining(separator));
    }

    private ColumnElement element(int flat) {
        return ColumnElement.of(g, rowOf(flat), tapOf(flat));
    }
}
