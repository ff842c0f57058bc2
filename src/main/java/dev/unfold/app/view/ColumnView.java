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
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

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
    private final MatrixHeaders headers = new MatrixHeaders();
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
        headers.measure(grid, cellH, typeScale());
        headerW = headers.width();
        headerH = headers.height();
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
        return headers.columnLabelBounds();
    }

    /** The size of the corner's axis names as last measured: for tests. */
    double cornerFontSize() {
        return headers.cornerFont().getSize();
    }

    /** The size of the row and column headers' labels as last measured: for tests. */
    double headerFontSize() {
        return headers.font();
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
