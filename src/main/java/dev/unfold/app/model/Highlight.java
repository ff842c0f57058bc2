package dev.unfold.app.model;

import dev.unfold.core.Axis;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import java.util.Arrays;

/**
 * What a focus lights in both views: one input position (n, c, y, x), possibly in the padding, and the
 * column-matrix cells that hold a copy of it. Built from the core's index maps, so the views only draw.
 *
 * @param cells   matrix cells {@code row·C·KH·KW + tap}, ascending
 * @param padding true when (y, x) lies in the padding
 * @param value   the value at (n, c, y, x): 0 in the padding
 */
public record Highlight(Focus focus, int n, int c, int y, int x, int[] cells, boolean padding, double value) {

    public int count() {
        return cells.length;
    }

    public boolean lights(int cell) {
        return Arrays.binarySearch(cells, cell) >= 0;
    }

    /** Null when the focus lies outside the frame (a stale focus after the parameters changed). */
    public static Highlight of(Frame f, Focus focus) {
        if (f == null || focus == null) {
            return null;
        }
        Geometry g = f.geometry();
        if (focus instanceof Focus.Column col) {
            if (col.row() < 0 || col.row() >= g.patchCount() || col.tap() < 0 || col.tap() >= g.patchSize()) {
                return null;
            }
            ColumnElement e = ColumnElement.of(g, col.row(), col.tap());
            return forPosition(f, focus, e.n(), e.c(), e.iy(), e.ix());
        }
        Focus.Input in = (Focus.Input) focus;
        if (in.n() < 0 || in.n() >= g.n() || in.c() < 0 || in.c() >= g.c()
                || in.y() < -g.ph() || in.y() >= g.h() + g.ph() || in.x() < -g.pw() || in.x() >= g.w() + g.pw()) {
            return null;
        }
        return forPosition(f, focus, in.n(), in.c(), in.y(), in.x());
    }

    private static Highlight forPosition(Frame f, Focus focus, int n, int c, int y, int x) {
        Geometry g = f.geometry();
        Axis ya = g.yAxis();
        Axis xa = g.xAxis();
        int[] cells = new int[g.kh() * g.kw()];
        int count = 0;
        for (int ky = 0; ky < g.kh(); ky++) {
            int oy = ya.outputFor(y, ky);
            if (oy < 0) {
                continue;
            }
            for (int kx = 0; kx < g.kw(); kx++) {
                int ox = xa.outputFor(x, kx);
                if (ox >= 0) {
                    ColumnElement e = new ColumnElement(n, c, ky, kx, oy, ox, y, x);
                    cells[count++] = f.cell(e.row(g), e.tap(g));
                }
            }
        }
        int[] lit = Arrays.copyOf(cells, count);
        Arrays.sort(lit);
        boolean padding = y < 0 || y >= g.h() || x < 0 || x >= g.w();
        return new Highlight(focus, n, c, y, x, lit, padding, f.inputValue(n, c, y, x));
    }
}
