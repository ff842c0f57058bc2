package dev.unfold.app.view;

import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The column matrix on a canvas, drawn straight from the backend's buffer in the selected layout. Only the
 * rows and columns in view are drawn, so a 4096 × 25 matrix costs what the visible part costs.
 * Cells the trace has not reached yet are empty; padding zeros are hatched.
 */
public final class ColumnView extends CanvasPane {

    private static final double MAX_WIDEN = 2.4;

    private final MainModel model;
    private final ObjectProperty<Palette> palette;
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();

    private ColumnGrid grid;
    private Frame gridFrame;
    // geometry of the last draw, for hit testing
    private double headerW;
    private double headerH;
    private Font cornerFont = Font.font("System", FontWeight.BOLD, 10);
    /** The column labels as last drawn: column, centre x, and 1 for the current one's bold label. */
    private final java.util.List<double[]> drawnColumnLabels = new java.util.ArrayList<>();
    private double headerFont = 10;
    private double cellW;
    private double cellH;
    private Font valueFont;
    private Font currentFont;

    public ColumnView(MainModel model, ObjectProperty<Palette> palette) {
        this.model = model;
        this.palette = palette;
        getStyleClass().add("column-view");
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(vbar, hbar);
        vbar.valueProperty().addListener(o -> invalidate());
        hbar.valueProperty().addListener(o -> invalidate());
        canvas.setFocusTraversable(false);

        model.frameProperty().addListener(o -> invalidate());
        model.positionProperty().addListener(o -> invalidate());
        model.highlightProperty().addListener(o -> invalidate());
        model.problemProperty().addListener(o -> invalidate());
        model.cellSizeProperty().addListener(o -> {
            revealAfterLayout = true; // zooming must not lose the cell being written
            requestLayout();
        });
        palette.addListener(o -> invalidate());
        model.currentMoveProperty().addListener((o, a, m) -> follow(m));

        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(focusAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        setFocusTraversable(true); // arrows and space then drive the animation, not a slider
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> model.togglePin(focusAt(e.getX(), e.getY())));
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
    }

    /** The matrix cell under canvas point (x, y), or null. */
    public Focus.Column focusAt(double x, double y) {
        Frame f = model.frame();
        if (f == null || grid == null || x < headerW || y < headerH || cellW <= 0) {
            return null;
        }
        int k = (int) Math.floor((x - headerW + hbar.getValue()) / cellW);
        int r = (int) Math.floor((y - headerH + vbar.getValue()) / cellH);
        if (r < 0 || r >= grid.rows() || k < 0 || k >= grid.cols()) {
            return null;
        }
        int flat = grid.flat(r, k);
        return new Focus.Column(grid.rowOf(flat), grid.tapOf(flat));
    }

    /** Canvas rectangle {x, y, width, height} of matrix cell (row, tap) as last drawn, for tests and tools. */
    public double[] cellBounds(int row, int tap) {
        int r = grid.displayRow(row, tap);
        int k = grid.displayCol(row, tap);
        return new double[] {headerW + k * cellW - hbar.getValue(), headerH + r * cellH - vbar.getValue(), cellW, cellH};
    }

    /** The part of the canvas that shows cells, right of the row header and below the column header. */
    javafx.geometry.Rectangle2D viewport() {
        // a pane squeezed below its headers (a split dragged to the edge) shows no cells, and is no error
        return new javafx.geometry.Rectangle2D(headerW, headerH, Math.max(0, canvasWidth() - headerW),
                Math.max(0, canvasHeight() - headerH));
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    private boolean revealAfterLayout;

    /** Scrolls so that matrix cell (row, tap) is in view. */
    public void reveal(int row, int tap) {
        if (grid == null) {
            return;
        }
        scrollInto(vbar, grid.displayRow(row, tap) * cellH, cellH, canvasHeight() - headerH);
        scrollInto(hbar, grid.displayCol(row, tap) * cellW, cellW, canvasWidth() - headerW);
    }

    /** Whether any of the current cell shows. */
    private boolean currentShows() {
        Move m = model.currentMove();
        if (m == null || grid == null) {
            return false;
        }
        double[] b = cellBounds(m.row(), m.tap());
        return viewport().intersects(b[0], b[1], b[2], b[3]);
    }

    private void follow(Move m) {
        if (m != null) {
            ensureGrid();
            reveal(m.row(), m.tap());
        } else if (model.position() == 0) { // back at the start the matrix is empty: show where it will begin
            vbar.setValue(0);
            hbar.setValue(0);
        }
    }

    private void scroll(ScrollEvent e) {
        if (e.isControlDown()) {
            if (e.getDeltaY() > 0) {
                model.zoomIn();
            } else if (e.getDeltaY() < 0) {
                model.zoomOut();
            }
        } else if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            double d = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            hbar.setValue(clamp(hbar.getValue() - d, 0, hbar.getMax()));
        } else {
            vbar.setValue(clamp(vbar.getValue() - e.getDeltaY(), 0, vbar.getMax()));
        }
        e.consume();
    }

    private void ensureGrid() {
        Frame f = model.frame();
        if (f != null && f != gridFrame) {
            grid = ColumnGrid.of(f.geometry(), f.layout());
            gridFrame = f;
            measure();
        }
    }

    /** Cell and header sizes for the current grid and width; sets the scroll ranges. */
    private void measure() {
        if (grid == null) {
            return;
        }
        double w = canvasWidth();
        double h = canvasHeight();
        double zoom = model.cellSizeProperty().get();
        // a small matrix grows to use the room it has, up to twice the zoomed size, so it reads from the back row
        double roomH = (h - zoom * 1.2) / grid.rows();
        double roomW = (w - 12 * zoom * 0.31 - 16) / grid.cols();
        cellH = Math.floor(Math.max(zoom, Math.min(2 * zoom, Math.min(roomH, roomW))));
        double font = labelFont(cellH);
        headerFont = font;
        // the corner's axis names are set in presentation mode's larger type like every other label, and the
        // headers grow to hold them rather than letting them run into the column labels
        cornerFont = Font.font("System", FontWeight.BOLD, Math.max(10, labelFont(cellH) / typeScale() * 0.85)
                * typeScale());
        double cornerW = Math.max(HeaderLabels.width(grid.colAxes() + " →", cornerFont),
                HeaderLabels.width(grid.rowAxes() + " ↓", cornerFont)) + 8;
        headerW = Math.max(Math.max(grid.rowAxes().length(), maxRowLabel()) * font * 0.62 + 16, cornerW);
        headerH = Math.max(cellH, Math.max(font * 2.2, cornerFont.getSize() * 2.4));
        double fit = (w - headerW) / grid.cols();
        cellW = Math.max(cellH, Math.min(cellH * MAX_WIDEN, fit));
        vbar.setMax(Math.max(0, grid.rows() * cellH - (h - headerH)));
        hbar.setMax(Math.max(0, grid.cols() * cellW - (w - headerW)));
        vbar.setVisibleAmount(Math.max(1, h - headerH));
        hbar.setVisibleAmount(Math.max(1, w - headerW));
        vbar.setUnitIncrement(cellH);
        hbar.setUnitIncrement(cellW);
        vbar.setBlockIncrement(Math.max(cellH, h - headerH - cellH));
        vbar.setValue(clamp(vbar.getValue(), 0, vbar.getMax()));
        hbar.setValue(clamp(hbar.getValue(), 0, hbar.getMax()));
        vbar.setVisible(vbar.getMax() > 0);
        hbar.setVisible(hbar.getMax() > 0);
    }

    private int maxRowLabel() {
        return grid.rowLabel(grid.rows() - 1).length() + 2;
    }

    /**
     * The row and column headers' type: half a cell, from 10 to 17 px, and in presentation mode as much larger
     * as the window's type, so that "0,4,4" reads from the back row like the cells' numbers beside it.
     */
    private double labelFont(double cell) {
        return clamp(cell * 0.5, 10, 17) * typeScale();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double sb = 14;
        // a view made shorter (a caption wrapping to a second line, a window resized) must not hide the cell it
        // follows, unless it had been scrolled away from it
        boolean follows = currentShows();
        boolean resized = sizeCanvas(0, 0, w - sb, h - sb);
        vbar.resizeRelocate(w - sb, 0, sb, h - sb);
        hbar.resizeRelocate(0, h - sb, w - sb, sb);
        if (gridFrame != null) {
            measure();
            if (revealAfterLayout || resized && follows) {
                revealAfterLayout = false;
                follow(model.currentMove());
            }
        }
        invalidate();
        drawIfDirty();
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        Palette p = palette.get();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        Frame f = model.frame();
        if (f == null) {
            return;
        }
        ensureGrid();
        measure();
        Geometry geo = f.geometry();
        long pos = model.position();
        Highlight hl = model.highlight();
        Move move = model.currentMoveProperty().get();
        int kk = geo.kh() * geo.kw();
        int patch = geo.patchSize();
        double vy = vbar.getValue();
        double vx = hbar.getValue();
        int r0 = (int) Math.floor(vy / cellH);
        int r1 = Math.min(grid.rows() - 1, (int) Math.floor((vy + h - headerH) / cellH));
        int k0 = (int) Math.floor(vx / cellW);
        int k1 = Math.min(grid.cols() - 1, (int) Math.floor((vx + w - headerW) / cellW));
        double font = labelFont(cellH);
        // presentation mode's larger cells get larger numbers too, as far as the cell holds them
        valueFont = Font.font("System", FontWeight.NORMAL, clamp(cellH * 0.5, 8, 18 * typeScale()));
        currentFont = Font.font("System", FontWeight.BOLD, valueFont.getSize());
        boolean lines = cellH >= 5;
        int curRow = move == null ? -1 : move.row();
        int curTap = move == null ? -1 : move.tap();
        TraceOrder order = f.order();

        for (int r = r0; r <= r1; r++) {
            double y = headerH + r * cellH - vy;
            for (int k = k0; k <= k1; k++) {
                double x = headerW + k * cellW - vx;
                int flat = grid.flat(r, k);
                int row = grid.rowOf(flat);
                int tap = grid.tapOf(flat);
                int cell = row * patch + tap;
                boolean written = f.stepOfCell()[cell] < pos;
                Color fill;
                boolean pad = written && f.paddingCell()[cell];
                if (!written) {
                    fill = p.empty();
                } else if (pad) {
                    fill = p.padding();
                } else {
                    fill = Paint2D.valueFill(p, tap / kk, f.column()[flat], f.inputMax());
                }
                g.setFill(pad && cellH >= 10 ? Paint2D.hatch(p) : fill);
                g.fillRect(x, y, cellW, cellH);
                if (written) {
                    text(f.column()[flat], valueFont).draw(g, pad ? p.mutedText() : p.textOn(fill), x + cellW / 2,
                            y + cellH / 2);
                }
                boolean inGroup = move != null && inGroup(order, geo, row, tap, curRow, curTap, kk);
                if (inGroup && !(row == curRow && tap == curTap)) {
                    g.setFill(p.window());
                    Paint2D.outline(g, x + 1, y + 1, cellW - 2, cellH - 2, Math.max(1, Math.min(2.5, cellH / 6)));
                }
            }
        }
        if (lines) {
            double right = Math.min(w, headerW + grid.cols() * cellW - vx);
            double bottom = Math.min(h, headerH + grid.rows() * cellH - vy);
            for (int r = r0; r <= r1 + 1; r++) {
                double y = Math.floor(headerH + r * cellH - vy);
                boolean group = grid.rowGroup() > 0 && r % grid.rowGroup() == 0 && r > 0;
                g.setFill(group ? p.mutedText() : p.grid());
                g.fillRect(headerW, group ? y - 1 : y, right - headerW, group ? 2 : 1);
            }
            for (int k = k0; k <= k1 + 1; k++) {
                double x = Math.floor(headerW + k * cellW - vx);
                boolean group = grid.colGroup() > 0 && k % grid.colGroup() == 0 && k > 0;
                g.setFill(group ? p.mutedText() : p.grid());
                g.fillRect(group ? x - 1 : x, headerH, group ? 2 : 1, bottom - headerH);
            }
        }
        if (hl != null) {
            g.setFill(p.link());
            double lw = Math.max(2, Math.min(4, cellH / 5));
            for (int cell : hl.cells()) {
                int row = cell / patch;
                int tap = cell % patch;
                int r = grid.displayRow(row, tap);
                int k = grid.displayCol(row, tap);
                if (r >= r0 && r <= r1 && k >= k0 && k <= k1) {
                    Paint2D.outline(g, headerW + k * cellW - vx, headerH + r * cellH - vy, cellW, cellH, lw);
                }
            }
        }
        if (move != null) {
            int r = grid.displayRow(curRow, curTap);
            int k = grid.displayCol(curRow, curTap);
            double x = headerW + k * cellW - vx;
            double y = headerH + r * cellH - vy;
            g.setFill(p.current());
            g.fillRect(x, y, cellW, cellH);
            g.setFill(p.currentOutline());
            Paint2D.outline(g, x, y, cellW, cellH, Math.max(2, Math.min(3, cellH / 6)));
            text(f.column()[grid.flat(r, k)], currentFont).draw(g, Color.web("#111418"), x + cellW / 2, y + cellH / 2);
        }
        drawHeaders(g, p, w, h, r0, r1, k0, k1, vx, vy, font, move);
        if (model.problemProperty().get() != null) {
            g.setFill(p.background().deriveColor(0, 1, 1, 0.65));
            g.fillRect(0, 0, w, h);
        }
    }

    private CellText text(double v, Font font) {
        return cellH >= 14 ? CellText.of(v, font, cellW) : CellText.NONE;
    }

    /** What matrix cell (row, tap) shows as last drawn: nothing before it is written, bold where it is current. */
    CellText textAt(int row, int tap) {
        Frame f = model.frame();
        int flat = grid.flat(grid.displayRow(row, tap), grid.displayCol(row, tap));
        if (f.stepOfCell()[row * f.geometry().patchSize() + tap] >= model.position()) {
            return CellText.NONE;
        }
        Move m = model.currentMove();
        boolean current = m != null && m.row() == row && m.tap() == tap;
        return text(f.column()[flat], current ? currentFont : valueFont);
    }

    private void drawHeaders(GraphicsContext g, Palette p, double w, double h, int r0, int r1, int k0, int k1,
                             double vx, double vy, double font, Move move) {
        g.setFill(p.headerBackground());
        g.fillRect(0, 0, headerW, h);
        Font f = Font.font("System", FontWeight.NORMAL, font);
        Font bold = Font.font("System", FontWeight.BOLD, font);
        g.setFont(f);
        g.setTextBaseline(VPos.CENTER);
        int curR = move == null ? -1 : grid.displayRow(move.row(), move.tap());
        int curK = move == null ? -1 : grid.displayCol(move.row(), move.tap());
        boolean every = cellH >= font * 1.15;
        int stepR = every ? 1 : (int) Math.ceil(font * 1.3 / cellH);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int r = r0; r <= r1; r++) {
            if (r != curR && (r % stepR != 0 || (curR >= 0 && Math.abs(r - curR) < stepR))) {
                continue; // as for the columns below: none that the current row's label would overlap
            }
            boolean cur = r == curR;
            g.setFont(cur ? bold : f);
            g.setFill(cur ? p.text() : p.mutedText());
            g.fillText(grid.rowLabel(r), headerW - 8, headerH + (r + 0.5) * cellH - vy);
        }
        g.setFill(p.headerBackground()); // covers cells and labels scrolled under the top header
        g.fillRect(0, 0, w, headerH);
        g.setTextAlign(TextAlignment.CENTER);
        double labelW = grid.colLabel(grid.cols() - 1).length() * font * 0.62 + 4;
        int stepK = labelW <= cellW ? 1 : (int) Math.ceil(labelW / cellW);
        int lastK = -1; // the column whose label was drawn last, and where
        double lastX = 0;
        drawnColumnLabels.clear();
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
                double inside = Math.min(x, w - drawnW / 2 - 2);
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
            drawnColumnLabels.add(new double[] {k, x, cur ? 1 : 0});
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

    /** Cells that belong with the current move: its patch row, or its tap slab, or its thread's block. */
    private static boolean inGroup(TraceOrder order, Geometry g, int row, int tap, int curRow, int curTap,
                                   int kk) {
        return switch (order) {
            case IM2COL_BY_PATCH -> row == curRow;
            case IM2COL_BY_TAP -> tap % kk == curTap % kk;
            default -> false;
        };
    }

    /** Where the column labels were last drawn, each as x, y, width and height: for tests. */
    java.util.List<javafx.geometry.Rectangle2D> columnLabelBounds() {
        Font f = Font.font("System", FontWeight.NORMAL, headerFont);
        Font bold = Font.font("System", FontWeight.BOLD, headerFont);
        java.util.List<javafx.geometry.Rectangle2D> out = new java.util.ArrayList<>();
        for (double[] l : drawnColumnLabels) {
            double width = HeaderLabels.width(grid.colLabel((int) l[0]), l[2] != 0 ? bold : f);
            out.add(new javafx.geometry.Rectangle2D(l[1] - width / 2, 0, width, headerH));
        }
        return out;
    }

    /** The size of the corner's axis names as last measured: for tests. */
    double cornerFontSize() {
        return cornerFont.getSize();
    }

    /** The size of the row and column headers' labels as last measured: for tests. */
    double headerFontSize() {
        return headerFont;
    }

    /** The size of the cells' numbers as last drawn: for tests. */
    double valueFontSize() {
        return valueFont == null ? 0 : valueFont.getSize();
    }

    /** The width of the row header as last measured: for tests. */
    double rowHeaderWidth() {
        return headerW;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
