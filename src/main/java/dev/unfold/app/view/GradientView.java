package dev.unfold.app.view;

import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Col2imReplay;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The input gradient gx as col2im builds it: one padded plane per (n, c), each pixel showing the sum added so
 * far and how many of its windows have added to it. Moves of the seed's CPU loop that land in the padding show
 * on the hatched ring, which the notebook crops away. In heat-map mode every pixel is coloured by the number of
 * windows that cover it, with the number.
 */
public final class GradientView extends CanvasPane {

    private static final double GAP = 30;
    private static final double MARGIN = 30;
    private static final double MAX_CELL = 96;
    private javafx.geometry.Rectangle2D badge;
    /** More moves than this since the last draw: redrawing every cell is cheaper than replaying them. */
    private static final long MAX_INCREMENT = 2048;

    private final MainModel model;
    private final BackwardModel backward;
    private final ObjectProperty<Palette> palette;
    private double cell;
    private double left;
    private double top;
    private double planeW;
    private double planeH;
    private int gridCols = 1;
    private int planesC = 1;
    private double resultMax;
    private int maxCount;
    private Font bigFont;
    private Font smallFont;
    private String moveCount;
    /**
     * The smallest pixel that writes "k/count" above its sum: the seed's 4 × 4 at 1024 × 768 gets 45.5 px
     * cells, and that is the lesson where the class counts the windows.
     */
    private static final double COUNTS_CELL = 40;
    private Font moveFont;
    /** The move, its window and the focus: redrawn every frame over the cells, which change only where moves land. */
    private final javafx.scene.canvas.Canvas overlay = addLayer(); // sized before each draw, like the cells' canvas
    private Object drawnKey;
    private long drawnPos;

    public GradientView(MainModel model, BackwardModel backward, ObjectProperty<Palette> palette) {
        this.model = model;
        this.backward = backward;
        this.palette = palette;
        getStyleClass().add("input-view");
        backward.frameProperty().addListener(o -> invalidate());
        backward.heatMapProperty().addListener(o -> invalidate());
        model.positionProperty().addListener(o -> invalidate());
        model.highlightProperty().addListener(o -> invalidate());
        model.problemProperty().addListener(o -> invalidate());
        palette.addListener(o -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(focusAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> model.togglePin(focusAt(e.getX(), e.getY())));
        setFocusTraversable(true);
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    /** The input position under canvas point (x, y), padding included, or null. */
    public Focus.Input focusAt(double x, double y) {
        BackwardFrame f = backward.frame();
        if (f == null || cell <= 0) {
            return null;
        }
        Geometry g = f.geometry();
        int col = (int) Math.floor((x - left) / (planeW + GAP));
        int row = (int) Math.floor((y - top) / (planeH + GAP));
        int plane = row * gridCols + col;
        if (row < 0 || col < 0 || col >= gridCols || plane >= g.n() * g.c()) {
            return null;
        }
        int n = plane / g.c();
        int c = plane % g.c();
        double px = x - left - col * (planeW + GAP);
        double py = y - top - row * (planeH + GAP);
        if (px < 0 || py < 0 || px >= planeW || py >= planeH) {
            return null;
        }
        return new Focus.Input(n, c, (int) Math.floor(py / cell) - g.ph(), (int) Math.floor(px / cell) - g.pw());
    }

    /** Left edge of plane (n, c): planes fill the grid row by row, n·C + c in reading order. */
    private double planeX(int n, int c) {
        return left + (n * planesC + c) % gridCols * (planeW + GAP);
    }

    private double planeY(int n, int c) {
        return top + (n * planesC + c) / gridCols * (planeH + GAP);
    }

    /** Canvas centre of input position (n, c, y, x) as last drawn. */
    public double[] centreOf(int n, int c, int y, int x) {
        Geometry g = backward.frame().geometry();
        return new double[] {planeX(n, c) + (x + g.pw() + 0.5) * cell,
                planeY(n, c) + (y + g.ph() + 0.5) * cell};
    }

    /**
     * The size the pixels fit at in a view of {@code w} × {@code h}: what the col2im view's split asks before it
     * narrows this view, so as not to shrink them. Unlike the size they are drawn at, it has no least size of
     * 1 px: below 1 the pixels do not fit and are drawn at 1 px anyway, so that narrowing the view would not
     * change their size but would crop more of them. 0 before there is a frame.
     */
    double cellFor(double w, double h) {
        BackwardFrame f = backward.frame();
        return f == null ? 0 : fit(f.geometry(), w, h)[2];
    }

    /**
     * The pixel size and the number of planes across for a view of w × h: the N·C planes in the grid of columns
     * that gives the largest cells, three RGB planes side by side in a wide pane, stacked in a tall one, rather
     * than always one row per image; and the pixel size before the 1 px least it is drawn at (0 where nothing fits).
     */
    private static double[] fit(Geometry geo, double w, double h) {
        int rows = geo.h() + 2 * geo.ph();
        int cols = geo.w() + 2 * geo.pw();
        int planes = geo.n() * geo.c();
        double best = 0;
        int bestAcross = geo.c();
        for (int across = 1; across <= planes; across++) {
            int down = (planes + across - 1) / across;
            double fits = Math.min((w - 2 * MARGIN - (across - 1) * GAP) / (across * cols),
                    (h - 2 * MARGIN - (down - 1) * GAP) / (down * rows));
            if (fits > best + 1e-9) {
                best = fits;
                bestAcross = across;
            }
        }
        double fitted = Math.floor(Math.min(MAX_CELL, best) * 2) / 2;
        return new double[] {Math.max(1, fitted), bestAcross, fitted};
    }

    /** Whether the pixels are large enough to show their "contributions so far / windows" beside the sum. */
    boolean showsCounts() {
        return cell >= COUNTS_CELL;
    }

    /**
     * The number written in pixel (n, c, y, x) at the transport's position: the sum so far (empty before the
     * first contribution), or in heat-map mode the window count.
     */
    public String cellText(int n, int c, int y, int x) {
        BackwardFrame f = backward.frame();
        Geometry g = f.geometry();
        boolean inside = y >= 0 && y < g.h() && x >= 0 && x < g.w();
        if (backward.heatMapProperty().get()) {
            return inside ? Integer.toString(f.windowCount(y, x)) : "";
        }
        Col2imReplay r = backward.col2imState();
        int plane = n * g.c() + c;
        return r.count(plane, y, x) == 0 ? "" : CellFormat.compact(r.sum(plane, y, x));
    }

    /** {@link #cellText} in the font it is drawn in as last drawn, bold and smaller where it is the current pixel. */
    CellText textAt(int n, int c, int y, int x) {
        Move m = backward.col2imMove();
        ColumnElement e = m == null ? null : ColumnElement.of(backward.frame().geometry(), m.row(), m.tap());
        boolean current = e != null && e.n() == n && e.c() == c && e.iy() == y && e.ix() == x;
        return text(n, c, y, x, current ? moveFont : bigFont);
    }

    private CellText text(int n, int c, int y, int x, Font font) {
        return cell >= 20 ? CellText.of(cellText(n, c, y, x), font, cell) : CellText.NONE;
    }

    /**
     * The cells are drawn on the base canvas and, while the animation moves forward by a few steps, only the cells
     * those steps touched are redrawn; the move, its window and the focus go on the overlay, redrawn every time.
     */
    @Override
    protected void draw(GraphicsContext base, double w, double h) {
        Palette p = palette.get();
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        BackwardFrame f = backward.frame();
        if (f == null) {
            base.setFill(p.background());
            base.fillRect(0, 0, w, h);
            drawnKey = null;
            return;
        }
        Geometry geo = f.geometry();
        Col2imReplay r = backward.col2imState();
        boolean heat = backward.heatMapProperty().get();
        Object key = java.util.List.of(f, heat, w, h, p, typeScale());
        long pos = r.position();
        if (!key.equals(drawnKey) || pos < drawnPos || pos - drawnPos > MAX_INCREMENT) {
            drawnKey = key;
            layout(f, w, h);
            base.setFill(p.background());
            base.fillRect(0, 0, w, h);
            for (int n = 0; n < geo.n(); n++) {
                for (int c = 0; c < geo.c(); c++) {
                    drawPlane(base, p, f, r, heat, n, c);
                }
            }
        } else if (!heat) { // heat-map cells do not change with the position
            for (long s = drawnPos; s < pos; s++) {
                Move m = f.trace().move(s);
                ColumnElement e = ColumnElement.of(geo, m.row(), m.tap());
                drawCell(base, p, f, r, false, e.n(), e.c(), e.iy(), e.ix());
            }
        }
        drawnPos = pos;
        Move m = backward.col2imMove();
        if (m != null) {
            drawMove(g, p, f, m);
        }
        Highlight hl = model.highlight();
        if (hl != null) {
            drawFocus(g, p, geo, hl);
        }
        if (model.problemProperty().get() != null) {
            g.setFill(p.background().deriveColor(0, 1, 1, 0.65));
            g.fillRect(0, 0, w, h);
        }
    }

    private void layout(BackwardFrame f, double w, double h) {
        Geometry geo = f.geometry();
        int rows = geo.h() + 2 * geo.ph();
        int cols = geo.w() + 2 * geo.pw();
        int planes = geo.n() * geo.c();
        double[] fit = fit(geo, w, h);
        cell = fit[0];
        gridCols = (int) fit[1];
        planesC = geo.c();
        planeW = cols * cell;
        planeH = rows * cell;
        int gridRows = (planes + gridCols - 1) / gridCols;
        left = Math.max(MARGIN, (w - gridCols * planeW - (gridCols - 1) * GAP) / 2);
        top = Math.max(MARGIN, (h - gridRows * planeH - (gridRows - 1) * GAP) / 2);
        resultMax = 1e-12;
        for (double v : f.col2im()) {
            resultMax = Math.max(resultMax, Math.abs(v));
        }
        maxCount = 0;
        for (int c : f.windowCount()) {
            maxCount = Math.max(maxCount, c);
        }
        bigFont = Font.font("System", FontWeight.BOLD, clamp(cell * (cell >= COUNTS_CELL ? 0.34 : 0.42), 8, 26));
        smallFont = Font.font("System", FontWeight.NORMAL, clamp(cell * 0.2, 9, 15));
        moveFont = Font.font("System", FontWeight.BOLD, clamp(cell * 0.36, 8, 26));
    }

    private void drawPlane(GraphicsContext g, Palette p, BackwardFrame f, Col2imReplay r, boolean heat, int n, int c) {
        Geometry geo = f.geometry();
        int rows = geo.h() + 2 * geo.ph();
        int cols = geo.w() + 2 * geo.pw();
        double x0 = planeX(n, c);
        double y0 = planeY(n, c);
        for (int yy = 0; yy < rows; yy++) {
            for (int xx = 0; xx < cols; xx++) {
                drawCell(g, p, f, r, heat, n, c, yy - geo.ph(), xx - geo.pw());
            }
        }
        if (cell >= 5) {
            g.setFill(p.grid());
            for (int yy = 0; yy <= rows; yy++) {
                g.fillRect(x0, Math.floor(y0 + yy * cell), planeW, 1);
            }
            for (int xx = 0; xx <= cols; xx++) {
                g.fillRect(Math.floor(x0 + xx * cell), y0, 1, planeH);
            }
        }
        drawBorder(g, p, geo, c, x0, y0);
        g.setFont(Font.font("System", FontWeight.BOLD, 13 * typeScale()));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(p.channel(c));
        g.fillText((geo.n() > 1 ? "n" + n + " · " : "") + "c" + c, x0, y0 - 4);
    }

    /** The real input's border, so the padding ring reads as a frame around it. */
    private void drawBorder(GraphicsContext g, Palette p, Geometry geo, int c, double x0, double y0) {
        g.setFill(p.channel(c));
        double bw = Math.max(2, Math.min(4, cell / 8));
        Paint2D.outline(g, x0 + geo.pw() * cell - bw / 2, y0 + geo.ph() * cell - bw / 2,
                geo.w() * cell + bw, geo.h() * cell + bw, bw);
    }

    /** One pixel (padded coordinates allowed) with its grid lines, and the border where it touches it. */
    private void drawCell(GraphicsContext g, Palette p, BackwardFrame f, Col2imReplay r, boolean heat,
                          int n, int c, int y, int x) {
        Geometry geo = f.geometry();
        int plane = n * geo.c() + c;
        double x0 = planeX(n, c);
        double y0 = planeY(n, c);
        double cx = x0 + (x + geo.pw()) * cell;
        double cy = y0 + (y + geo.ph()) * cell;
        boolean pad = y < 0 || y >= geo.h() || x < 0 || x >= geo.w();
        int k = r.count(plane, y, x);
        double v = r.sum(plane, y, x);
        Color fill;
        if (pad) {
            fill = p.padding();
            g.setFill(cell >= 10 ? Paint2D.hatch(p) : fill);
        } else {
            fill = heat ? HeatScale.fill(p, f.windowCount(y, x), maxCount)
                    : k == 0 ? p.empty() : Paint2D.valueFill(p, c, v, resultMax);
            g.setFill(fill);
        }
        g.fillRect(cx, cy, cell, cell);
        boolean counts = showsCounts();
        text(n, c, y, x, bigFont).draw(g, pad ? p.mutedText() : p.textOn(fill), cx + cell / 2,
                cy + cell / 2 + (counts && !heat ? cell * 0.06 : 0));
        if (counts && !heat && !pad) { // contributions so far / windows covering the pixel
            g.setFont(smallFont);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.setFill(p.textOn(fill).deriveColor(0, 1, 1, 0.75));
            g.fillText(k + "/" + f.windowCount(y, x), cx + cell - 4, cy + 3);
        }
        if (cell >= 5) {
            g.setFill(p.grid());
            g.fillRect(cx, Math.floor(cy), cell, 1);
            g.fillRect(cx, Math.floor(cy + cell), cell, 1);
            g.fillRect(Math.floor(cx), cy, 1, cell);
            g.fillRect(Math.floor(cx + cell), cy, 1, cell);
        }
        boolean edge = y == -1 || y == 0 || y == geo.h() - 1 || y == geo.h() || x == -1 || x == 0
                || x == geo.w() - 1 || x == geo.w();
        if (edge) {
            drawBorder(g, p, geo, c, x0, y0);
        }
    }

    private void drawMove(GraphicsContext g, Palette p, BackwardFrame f, Move m) {
        Geometry geo = f.geometry();
        ColumnElement e = ColumnElement.of(geo, m.row(), m.tap());
        double x0 = planeX(e.n(), e.c());
        double y0 = planeY(e.n(), e.c());
        double lw = Math.max(2, Math.min(4, cell / 7));
        if (f.order() == TraceOrder.COL2IM_BY_TAP && cell >= 12) { // img[:, :, j:j_lim:SH, i:i_lim:SW] += one slab
            g.setFill(p.current());
            for (int n = 0; n < geo.n(); n++) {
                for (int c = 0; c < geo.c(); c++) {
                    double px = planeX(n, c);
                    double py = planeY(n, c);
                    for (int oy = 0; oy < geo.oh(); oy++) {
                        for (int ox = 0; ox < geo.ow(); ox++) {
                            Paint2D.outline(g, px + (ox * geo.sw() + e.kx() * geo.dw()) * cell,
                                    py + (oy * geo.sh() + e.ky() * geo.dh()) * cell, cell, cell, lw);
                        }
                    }
                }
            }
        }
        // the window that this column element belongs to
        double wy = y0 + e.oy() * geo.sh() * cell;
        double wx = x0 + e.ox() * geo.sw() * cell;
        g.setStroke(p.window());
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeRect(wx - 3, wy - 3, ((geo.kw() - 1) * geo.dw() + 1) * cell + 6,
                ((geo.kh() - 1) * geo.dh() + 1) * cell + 6);
        g.setLineDashes((double[]) null);
        double cx = x0 + (e.ix() + geo.pw()) * cell;
        double cy = y0 + (e.iy() + geo.ph()) * cell;
        g.setFill(p.current());
        g.fillRect(cx, cy, cell, cell);
        g.setFill(p.currentOutline());
        Paint2D.outline(g, cx, cy, cell, cell, lw);
        // the pixel being added to keeps its "k/count", the one number that says how far its sum has come
        boolean counts = showsCounts() && !backward.heatMapProperty().get() && !e.padding(geo);
        text(e.n(), e.c(), e.iy(), e.ix(), moveFont).draw(g, Color.web("#111418"), cx + cell / 2,
                cy + cell / 2 + (counts ? cell * 0.06 : 0));
        moveCount = null;
        if (counts) {
            int plane = e.n() * geo.c() + e.c();
            moveCount = backward.col2imState().count(plane, e.iy(), e.ix()) + "/" + f.windowCount(e.iy(), e.ix());
            g.setFont(smallFont);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.setFill(Color.web("#111418").deriveColor(0, 1, 1, 0.75));
            g.fillText(moveCount, cx + cell - lw - 2, cy + lw); // inside the outline
        }
    }

    /** The "k/count" written in the current pixel as last drawn, or null where none is: for tests. */
    String moveCount() {
        return moveCount;
    }

    private void drawFocus(GraphicsContext g, Palette p, Geometry geo, Highlight hl) {
        double cx = planeX(hl.n(), hl.c()) + (hl.x() + geo.pw()) * cell;
        double cy = planeY(hl.n(), hl.c()) + (hl.y() + geo.ph()) * cell;
        g.setFill(p.link());
        Paint2D.outline(g, cx, cy, cell, cell, Math.max(2.5, Math.min(5, cell / 6)));
        // beside the planes, level with the cell, so that no neighbouring pixel's sum is hidden
        String text = "×" + hl.count();
        Font font = CountBadge.font(cell);
        double[] size = CountBadge.size(text, font);
        java.util.List<javafx.geometry.Rectangle2D> planes = new java.util.ArrayList<>();
        javafx.geometry.Rectangle2D home = null;
        double label = 4 + 16 * typeScale();
        for (int n = 0; n < geo.n(); n++) {
            for (int c = 0; c < geo.c(); c++) {
                javafx.geometry.Rectangle2D r = new javafx.geometry.Rectangle2D(planeX(n, c), planeY(n, c) - label,
                        planeW, planeH + label);
                planes.add(r);
                if (n == hl.n() && c == hl.c()) {
                    home = r;
                }
            }
        }
        badge = CountBadge.place(cx, cy, cell, size[0], size[1], home, planes, canvasWidth(), canvasHeight());
        CountBadge.draw(g, p.link(), badge, text, font);
    }

    /** Where the pointed pixel's count badge was last drawn, or null: for tests. */
    javafx.geometry.Rectangle2D badgeBounds() {
        return model.highlight() == null ? null : badge;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
