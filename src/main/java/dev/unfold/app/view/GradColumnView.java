package dev.unfold.app.view;

import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.PixelVisits;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import java.util.Arrays;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The gradient column matrix the col2im view accumulates, drawn from the frame's buffer in the selected layout,
 * only the visible part. Every value is there from the start; a cell fades once its value has been added, the
 * current one is filled, and the cells that belong with it are outlined: its kernel tap's slab (the seed's CPU
 * loop) or every cell the current pixel gathers (the GPU kernel). Cells no move adds (padding, in gather order)
 * are hatched.
 */
public final class GradColumnView extends CanvasPane {

    private static final double MAX_WIDEN = 2.4;
    private static final double SCROLL_BAR = 14;

    private final MainModel model;
    private final BackwardModel backward;
    private final ObjectProperty<Palette> palette;
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();

    private ColumnGrid grid;
    private BackwardFrame gridFrame;
    private double headerW;
    private double headerH;
    private final MatrixHeaders headers = new MatrixHeaders();
    private double cellW;
    private double cellH;
    private Font valueFont;
    private Font currentFont;
    private double valueMax;
    private Move groupMove;
    private int[] groupCells = new int[0]; // sorted matrix cells gathered with the current move

    public GradColumnView(MainModel model, BackwardModel backward, ObjectProperty<Palette> palette) {
        this.model = model;
        this.backward = backward;
        this.palette = palette;
        getStyleClass().add("column-view");
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(vbar, hbar);
        vbar.valueProperty().addListener(o -> invalidate());
        hbar.valueProperty().addListener(o -> invalidate());
        canvas.setFocusTraversable(false);
        backward.frameProperty().addListener(o -> invalidate());
        model.positionProperty().addListener(o -> {
            invalidate();
            follow();
        });
        model.highlightProperty().addListener(o -> invalidate());
        model.problemProperty().addListener(o -> invalidate());
        model.cellSizeProperty().addListener(o -> requestLayout());
        palette.addListener(o -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(focusAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> model.togglePin(focusAt(e.getX(), e.getY())));
        setFocusTraversable(true);
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    /** The matrix cell under canvas point (x, y), or null. */
    public Focus.Column focusAt(double x, double y) {
        if (grid == null || x < headerW || y < headerH || cellW <= 0) {
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

    /** Canvas rectangle {x, y, width, height} of matrix cell (row, tap) as last drawn. */
    public double[] cellBounds(int row, int tap) {
        int r = grid.displayRow(row, tap);
        int k = grid.displayCol(row, tap);
        return new double[] {headerW + k * cellW - hbar.getValue(), headerH + r * cellH - vbar.getValue(), cellW, cellH};
    }

    /** The matrix cells that belong with the current move, sorted: its slab, or what its pixel gathers. */
    public int[] groupCells() {
        updateGroup();
        return groupCells.clone();
    }

    private void follow() {
        if (model.view() != dev.unfold.app.model.ViewKind.COL2IM) {
            return; // the position is another view's
        }
        Move m = backward.col2imMove();
        if (m == null && model.position() == 0) { // back at the start: show where the scatter will begin
            vbar.setValue(0);
            hbar.setValue(0);
        }
        if (m == null || !ensureGrid()) {
            return;
        }
        scrollInto(vbar, grid.displayRow(m.row(), m.tap()) * cellH, cellH, canvasHeight() - headerH);
        scrollInto(hbar, grid.displayCol(m.row(), m.tap()) * cellW, cellW, canvasWidth() - headerW);
    }

    /**
     * The least width that shows every column of the matrix at the zoomed cell size, headers and scroll bar
     * included: what the col2im view's split gives this view where the input gradient can spare it. 0 before
     * there is a frame.
     */
    double wholeWidth() {
        if (!ensureGrid()) {
            return 0;
        }
        // cells are never smaller than the zoom, and at this width no larger (the room measure() keeps for the
        // row header is more than the header takes)
        double cell = Math.floor(model.cellSizeProperty().get());
        MatrixHeaders at = new MatrixHeaders();
        at.measure(grid, cell, typeScale());
        return at.width() + grid.cols() * cell + SCROLL_BAR;
    }

    /** Whether any of the current cell shows. */
    private boolean currentShows() {
        Move m = backward.col2imMove();
        if (m == null || grid == null) {
            return false;
        }
        double[] b = cellBounds(m.row(), m.tap());
        return b[0] + b[2] > headerW && b[0] < canvasWidth() && b[1] + b[3] > headerH && b[1] < canvasHeight();
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

    private boolean ensureGrid() {
        BackwardFrame f = backward.frame();
        if (f == null) {
            return false;
        }
        if (f != gridFrame) {
            grid = ColumnGrid.of(f.geometry(), f.layout());
            gridFrame = f;
            valueMax = 1e-12;
            for (double v : f.gradColumn()) {
                valueMax = Math.max(valueMax, Math.abs(v));
            }
            groupMove = null;
            measure();
        }
        return true;
    }

    private void measure() {
        double w = canvasWidth();
        double h = canvasHeight();
        double zoom = model.cellSizeProperty().get();
        double roomH = (h - zoom * 1.2) / grid.rows();
        double roomW = (w - 12 * zoom * 0.31 - 16) / grid.cols();
        cellH = Math.floor(Math.max(zoom, Math.min(2 * zoom, Math.min(roomH, roomW))));
        // the headers take presentation mode's larger type as the im2col view's matrix does, and the room it needs
        headers.measure(grid, cellH, typeScale());
        headerW = headers.width();
        headerH = headers.height();
        cellW = Math.max(cellH, Math.min(cellH * MAX_WIDEN, (w - headerW) / grid.cols()));
        vbar.setMax(Math.max(0, grid.rows() * cellH - (h - headerH)));
        hbar.setMax(Math.max(0, grid.cols() * cellW - (w - headerW)));
        vbar.setVisibleAmount(Math.max(1, h - headerH));
        hbar.setVisibleAmount(Math.max(1, w - headerW));
        vbar.setUnitIncrement(cellH);
        hbar.setUnitIncrement(cellW);
        vbar.setValue(clamp(vbar.getValue(), 0, vbar.getMax()));
        hbar.setValue(clamp(hbar.getValue(), 0, hbar.getMax()));
        vbar.setVisible(vbar.getMax() > 0);
        hbar.setVisible(hbar.getMax() > 0);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double sb = SCROLL_BAR;
        // as in the im2col view: made shorter, the view keeps the cell it follows in sight
        boolean follows = currentShows();
        boolean resized = sizeCanvas(0, 0, w - sb, h - sb);
        vbar.resizeRelocate(w - sb, 0, sb, h - sb);
        hbar.resizeRelocate(0, h - sb, w - sb, sb);
        if (gridFrame != null) {
            measure();
            if (resized && follows) {
                follow();
            }
        }
        invalidate();
        drawIfDirty();
    }

    private void updateGroup() {
        Move m = backward.col2imMove();
        BackwardFrame f = backward.frame();
        if (m == null || f == null) {
            groupCells = new int[0];
            groupMove = null;
            return;
        }
        if (m.equals(groupMove)) {
            return;
        }
        groupMove = m;
        Geometry g = f.geometry();
        int patch = g.patchSize();
        int kk = g.kh() * g.kw();
        if (f.order() == TraceOrder.COL2IM_BY_TAP) { // the slab col[:, :, j, i, :, :]
            int slab = m.tap() % kk;
            int[] cells = new int[g.patchCount() * g.c()];
            int i = 0;
            for (int row = 0; row < g.patchCount(); row++) {
                for (int c = 0; c < g.c(); c++) {
                    cells[i++] = row * patch + c * kk + slab;
                }
            }
            Arrays.sort(cells);
            groupCells = cells;
        } else { // what thread i gathers: every (ky, kx, oy, ox) that reaches its pixel
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            groupCells = PixelVisits.of(g, e.iy(), e.ix()).visits().stream().filter(PixelVisits.Visit::reaches)
                    .mapToInt(v -> ((e.n() * g.oh() + v.oy()) * g.ow() + v.ox()) * patch
                            + (e.c() * g.kh() + v.ky()) * g.kw() + v.kx())
                    .sorted().toArray();
        }
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        Palette p = palette.get();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        if (!ensureGrid()) {
            return;
        }
        measure();
        BackwardFrame f = backward.frame();
        Geometry geo = f.geometry();
        long pos = Math.min(model.position(), f.col2imLength());
        Move move = backward.col2imMove();
        updateGroup();
        Highlight hl = model.highlight();
        int kk = geo.kh() * geo.kw();
        int patch = geo.patchSize();
        double vy = vbar.getValue();
        double vx = hbar.getValue();
        int r0 = (int) Math.floor(vy / cellH);
        int r1 = Math.min(grid.rows() - 1, (int) Math.floor((vy + h - headerH) / cellH));
        int k0 = (int) Math.floor(vx / cellW);
        int k1 = Math.min(grid.cols() - 1, (int) Math.floor((vx + w - headerW) / cellW));
        // presentation mode's larger cells get larger numbers too, as in the im2col view's matrix
        valueFont = Font.font("System", FontWeight.NORMAL, clamp(cellH * 0.5, 8, 18 * typeScale()));
        currentFont = Font.font("System", FontWeight.BOLD, valueFont.getSize());
        double lw = Math.max(1, Math.min(2.5, cellH / 6));
        for (int r = r0; r <= r1; r++) {
            double y = headerH + r * cellH - vy;
            for (int k = k0; k <= k1; k++) {
                double x = headerW + k * cellW - vx;
                int flat = grid.flat(r, k);
                int row = grid.rowOf(flat);
                int tap = grid.tapOf(flat);
                int cell = row * patch + tap;
                int step = f.stepOfCell()[cell];
                boolean spent = step >= 0 && step < pos;
                boolean never = step < 0;
                double v = f.gradColumn()[flat];
                Color fill = Paint2D.valueFill(p, tap / kk, v, valueMax);
                if (spent) {
                    fill = fill.interpolate(p.background(), 0.72);
                }
                g.setFill(never && cellH >= 10 ? Paint2D.hatch(p) : never ? p.padding() : fill);
                g.fillRect(x, y, cellW, cellH);
                text(v, valueFont).draw(g, spent || never ? p.mutedText() : p.textOn(fill), x + cellW / 2,
                        y + cellH / 2);
                if (move != null && Arrays.binarySearch(groupCells, cell) >= 0) {
                    g.setFill(p.window());
                    Paint2D.outline(g, x + 1, y + 1, cellW - 2, cellH - 2, lw);
                }
            }
        }
        if (cellH >= 5) {
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
            double hw = Math.max(2, Math.min(4, cellH / 5));
            for (int cell : hl.cells()) {
                int r = grid.displayRow(cell / patch, cell % patch);
                int k = grid.displayCol(cell / patch, cell % patch);
                if (r >= r0 && r <= r1 && k >= k0 && k <= k1) {
                    Paint2D.outline(g, headerW + k * cellW - vx, headerH + r * cellH - vy, cellW, cellH, hw);
                }
            }
        }
        if (move != null) {
            int r = grid.displayRow(move.row(), move.tap());
            int k = grid.displayCol(move.row(), move.tap());
            double x = headerW + k * cellW - vx;
            double y = headerH + r * cellH - vy;
            g.setFill(p.current());
            g.fillRect(x, y, cellW, cellH);
            g.setFill(p.currentOutline());
            Paint2D.outline(g, x, y, cellW, cellH, Math.max(2, Math.min(3, cellH / 6)));
            text(f.gradColumn()[grid.flat(r, k)], currentFont).draw(g, Color.web("#111418"), x + cellW / 2,
                    y + cellH / 2);
        }
        headers.draw(g, p, w, h, r0, r1, k0, k1, vx, vy, cellW, cellH,
                move == null ? -1 : grid.displayRow(move.row(), move.tap()),
                move == null ? -1 : grid.displayCol(move.row(), move.tap()));
        if (model.problemProperty().get() != null) {
            g.setFill(p.background().deriveColor(0, 1, 1, 0.65));
            g.fillRect(0, 0, w, h);
        }
    }

    private CellText text(double v, Font font) {
        return cellH >= 14 ? CellText.of(v, font, cellW) : CellText.NONE;
    }

    /** What matrix cell (row, tap) shows as last drawn, bold where it is current. */
    CellText textAt(int row, int tap) {
        Move m = backward.col2imMove();
        boolean current = m != null && m.row() == row && m.tap() == tap;
        double v = backward.frame().gradColumn()[grid.flat(grid.displayRow(row, tap), grid.displayCol(row, tap))];
        return text(v, current ? currentFont : valueFont);
    }

    /** The size of the corner's axis names as last measured: for tests. */
    double cornerFontSize() {
        return headers.cornerFont().getSize();
    }

    /** The size of the row and column headers' labels as last measured: for tests. */
    double headerFontSize() {
        return headers.font();
    }

    /** Where the column labels were last drawn, each as x, y, width and height: for tests. */
    java.util.List<javafx.geometry.Rectangle2D> columnLabelBounds() {
        return headers.columnLabelBounds();
    }

    /** Where the row labels were last drawn: for tests. */
    java.util.List<javafx.geometry.Rectangle2D> rowLabelBounds() {
        return headers.rowLabelBounds();
    }

    /** The width of the row header as last measured: for tests. */
    double rowHeaderWidth() {
        return headerW;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
