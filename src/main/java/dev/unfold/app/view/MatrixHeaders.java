package dev.unfold.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The row and column headers of a column matrix and the axis names in their corner, shared by the im2col view's
 * matrix and col2im's gcol so that the two set them alike: their type (presentation mode's larger one included),
 * the room they take, and where each label goes.
 */
final class MatrixHeaders {

    private ColumnGrid grid;
    private double font = 10;
    private Font cornerFont = Font.font("System", FontWeight.BOLD, 10);
    private double width;
    private double height;
    /** The labels as last drawn: row or column, its centre (y for a row, x for a column), 1 for the current one. */
    private final List<double[]> drawnRows = new ArrayList<>();
    private final List<double[]> drawnColumns = new ArrayList<>();

    /**
     * Sizes the headers for {@code grid}'s cells {@code cellH} high, in type {@code typeScale} times the usual:
     * the corner's axis names are set in presentation mode's larger type like every other label, and the headers
     * grow to hold them, and the row labels, rather than letting them run into the cells or the column labels.
     */
    void measure(ColumnGrid grid, double cellH, double typeScale) {
        this.grid = grid;
        font = labelFont(cellH, typeScale);
        cornerFont = Font.font("System", FontWeight.BOLD, Math.max(10, font / typeScale * 0.85) * typeScale);
        double cornerW = Math.max(HeaderLabels.width(grid.colAxes() + " →", cornerFont),
                HeaderLabels.width(grid.rowAxes() + " ↓", cornerFont)) + 8;
        int longest = Math.max(grid.rowAxes().length(), grid.rowLabel(grid.rows() - 1).length() + 2);
        width = Math.max(longest * font * 0.62 + 16, cornerW);
        height = Math.max(cellH, Math.max(font * 2.2, cornerFont.getSize() * 2.4));
    }

    /**
     * The headers' type: half a cell, from 10 to 17 px, and in presentation mode as much larger as the window's
     * type, so that "0,4,4" reads from the back row like the cells' numbers beside it.
     */
    private static double labelFont(double cell, double typeScale) {
        return Math.max(10, Math.min(17, cell * 0.5)) * typeScale;
    }

    /** The row and column labels' size as last measured. */
    double font() {
        return font;
    }

    Font cornerFont() {
        return cornerFont;
    }

    /** The row header's width as last measured. */
    double width() {
        return width;
    }

    /** The column header's height as last measured. */
    double height() {
        return height;
    }

    /**
     * Draws the headers over a matrix of {@code w} × {@code h} whose rows r0..r1 and columns k0..k1 show, scrolled
     * by (vx, vy); curR and curK are the current cell's display row and column, or -1.
     */
    void draw(GraphicsContext g, Palette p, double w, double h, int r0, int r1, int k0, int k1, double vx,
              double vy, double cellW, double cellH, int curR, int curK) {
        double headerW = width;
        double headerH = height;
        g.setFill(p.headerBackground());
        g.fillRect(0, 0, headerW, h);
        Font f = Font.font("System", FontWeight.NORMAL, font);
        Font bold = Font.font("System", FontWeight.BOLD, font);
        g.setFont(f);
        g.setTextBaseline(VPos.CENTER);
        boolean every = cellH >= font * 1.15;
        int stepR = every ? 1 : (int) Math.ceil(font * 1.3 / cellH);
        g.setTextAlign(TextAlignment.RIGHT);
        drawnRows.clear();
        for (int r = r0; r <= r1; r++) {
            if (r != curR && (r % stepR != 0 || (curR >= 0 && Math.abs(r - curR) < stepR))) {
                continue; // as for the columns below: none that the current row's label would overlap
            }
            boolean cur = r == curR;
            g.setFont(cur ? bold : f);
            g.setFill(cur ? p.text() : p.mutedText());
            double y = headerH + (r + 0.5) * cellH - vy;
            g.fillText(grid.rowLabel(r), headerW - 8, y);
            drawnRows.add(new double[] {r, y, cur ? 1 : 0});
        }
        g.setFill(p.headerBackground()); // covers cells and labels scrolled under the top header
        g.fillRect(0, 0, w, headerH);
        g.setTextAlign(TextAlignment.CENTER);
        double labelW = grid.colLabel(grid.cols() - 1).length() * font * 0.62 + 4;
        int stepK = labelW <= cellW ? 1 : (int) Math.ceil(labelW / cellW);
        int lastK = -1; // the column whose label was drawn last, and where
        double lastX = 0;
        drawnColumns.clear();
        // the current label, when its column is partly under the row header, is measured: it is moved right
        double curW = curK >= 0 && headerW + (curK + 0.5) * cellW - vx - labelW / 2 < headerW + HeaderLabels.GAP / 2
                ? HeaderLabels.width(grid.colLabel(curK), bold) : labelW;
        for (int k = k0; k <= k1; k++) {
            boolean cur = k == curK;
            if (!cur && (k % stepK != 0 || (curK >= 0 && Math.abs(k - curK) < stepK))) {
                continue; // every stepK-th label, and none that the current one's label would overlap
            }
            double cx = headerW + (k + 0.5) * cellW - vx;
            double own = labelW;
            double next = 0;
            if (cx - labelW / 2 < headerW + HeaderLabels.GAP / 2) { // near the row header: measured, not guessed
                own = HeaderLabels.width(grid.colLabel(k), cur ? bold : f);
                next = k + stepK < grid.cols() ? HeaderLabels.width(grid.colLabel(k + stepK), bold) : 0;
            }
            double x = HeaderLabels.columnLabelX(k, curK, stepK, cx, cellW, headerW, own, next, curW);
            if (Double.isNaN(x)) {
                continue; // moved off the row header, it would run into the next label
            }
            if (x + labelW / 2 > w) { // the last column's label, wider than its cell, kept whole inside the view
                double drawnW = HeaderLabels.width(grid.colLabel(k), cur ? bold : f);
                // but not back over the row header, in a view too narrow for the label beside it
                double inside = Math.max(Math.min(x, w - drawnW / 2 - 2), headerW + HeaderLabels.GAP / 2 + drawnW / 2);
                double lastRight = lastK < 0 ? Double.NEGATIVE_INFINITY
                        : lastX + HeaderLabels.width(grid.colLabel(lastK), lastK == curK ? bold : f) / 2;
                if (inside - drawnW / 2 < lastRight + HeaderLabels.GAP) {
                    // moved left it would run into the label before it (a column scrolled partly out of view):
                    // a regular label is left out, the current one stays on its column, cut by the edge
                    if (!cur) {
                        continue;
                    }
                } else {
                    x = inside;
                }
            }
            g.setFont(cur ? bold : f);
            g.setFill(cur ? p.text() : p.mutedText());
            g.fillText(grid.colLabel(k), x, headerH / 2);
            lastK = k;
            lastX = x;
            drawnColumns.add(new double[] {k, x, cur ? 1 : 0});
        }
        g.setFill(p.headerBackground());
        g.fillRect(0, 0, headerW, headerH);
        g.setFont(cornerFont);
        g.setFill(p.mutedText());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(grid.colAxes() + " →", 4, 2);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(grid.rowAxes() + " ↓", 4, headerH - 2);
        g.setFill(p.grid());
        g.fillRect(headerW - 1, 0, 1, h);
        g.fillRect(0, headerH - 1, w, 1);
    }

    /** Where the column labels were last drawn, each as x, y, width and height: for tests. */
    List<Rectangle2D> columnLabelBounds() {
        List<Rectangle2D> out = new ArrayList<>();
        for (double[] l : drawnColumns) {
            double w = HeaderLabels.width(grid.colLabel((int) l[0]), labelFont(l[2] != 0));
            out.add(new Rectangle2D(l[1] - w / 2, 0, w, height));
        }
        return out;
    }

    /** Where the row labels were last drawn, each as x, y, width and height of the text's line: for tests. */
    List<Rectangle2D> rowLabelBounds() {
        List<Rectangle2D> out = new ArrayList<>();
        for (double[] l : drawnRows) {
            Text t = new Text(grid.rowLabel((int) l[0]));
            t.setFont(labelFont(l[2] != 0));
            double w = t.getLayoutBounds().getWidth();
            double lh = t.getLayoutBounds().getHeight();
            out.add(new Rectangle2D(width - 8 - w, l[1] - lh / 2, w, lh));
        }
        return out;
    }

    private Font labelFont(boolean bold) {
        return Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, font);
    }
}
