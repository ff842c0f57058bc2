package dev.unfold.app.model;

/** What the pointer is on (or what a click pinned): an input position or a column-matrix cell. */
public sealed interface Focus {

    /** A cell of the padded input grid; y and x may lie in the padding. */
    record Input(int n, int c, int y, int x) implements Focus {
    }

    /** A cell of the column matrix: patch row (n, oy, ox), tap (c, ky, kx). */
    record Column(int row, int tap) implements Focus {
    }
}
