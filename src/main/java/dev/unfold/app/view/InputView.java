package dev.unfold.app.view;

import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The padded input on a canvas: for each batch item a stack of channel planes, the plane in focus in front.
 * Padding cells are hatched; the current window's taps are outlined (so dilation gaps show), the current
 * tap is filled, and small dots mark where each window starts, one stride apart.
 */
public final class InputView extends CanvasPane {

    private static final double GAP = 28;
    private static final double MAX_CELL = 72;

    private final MainModel model;
    private final ObjectProperty<Palette> palette;
    private int preferredChannel = -1;
    /** The window, slab, current tap and focus: the only part that changes while the animation plays. */
    private final javafx.scene.canvas.Canvas overlay = addLayer();
    private Object baseKey;
    private final CellEditor editor;

    // geometry of the last draw, for hit testing
    private double cell;
    private Rectangle2D badge;
    private double off;
    private double left;
    private double top;
    private double stackW;
    private int front;
    private Font valueFont;
    private Font currentFont;

    /** The line the cell editor shows under text that is no number: the window binds it in its language. */
    public javafx.beans.property.StringProperty editorInvalidTextProperty() {
        return editor.invalidTextProperty();
    }

    public InputView(MainModel model, ObjectProperty<Palette> palette) {
        this.model = model;
        this.palette = palette;
        getStyleClass().add("input-view");
        model.frameProperty().addListener(o -> invalidate());
        model.positionProperty().addListener(o -> invalidate());
        model.highlightProperty().addListener(o -> invalidate());
        model.problemProperty().addListener(o -> invalidate());
        model.currentMoveProperty().addListener(o -> preferredChannel = -1);
        palette.addListener(o -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(focusAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        setFocusTraversable(true); // arrows and space then drive the animation, not a slider
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() == 2) {
                Focus.Input at = focusAt(e.getX(), e.getY());
                if (at != null) {
                    edit(at, null);
                }
            } else {
                click(e.getX(), e.getY());
            }
        });
        editor = new CellEditor(getChildren());
        editor.onClosed(this::requestFocus);
        // a pinned cell takes typing, as a spreadsheet's selected cell does
        addEventHandler(javafx.scene.input.KeyEvent.KEY_TYPED, e -> {
            String ch = e.getCharacter();
            if (ch.length() == 1 && (Character.isDigit(ch.charAt(0)) || ch.charAt(0) == '.') && pinnedInput() != null) {
                edit(pinnedInput(), ch);
                e.consume();
            }
        });
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.F2)
                    && pinnedInput() != null) {
                edit(pinnedInput(), null);
                e.consume();
            }
        });
    }

    private Focus.Input pinnedInput() {
        return model.pinnedProperty().get() && model.focusProperty().get() instanceof Focus.Input in ? in : null;
    }

    /** Opens the value editor on input cell {@code at}; padding cannot be edited. */
    public void edit(Focus.Input at, String typed) {
        Frame f = model.frame();
        if (f == null || cell <= 0 || editor.isOpen()) {
            return;
        }
        Geometry g = f.geometry();
        if (at.y() < 0 || at.y() >= g.h() || at.x() < 0 || at.x() >= g.w() || at.n() >= g.n() || at.c() != front) {
            return;
        }
        double[] c = centreOf(at.n(), at.y(), at.x());
        editor.open(c[0] - cell / 2, c[1] - cell / 2, cell, cell,
                CellFormat.value(f.inputValue(at.n(), at.c(), at.y(), at.x())), typed,
                v -> model.editInput(at.n(), at.c(), at.y(), at.x(), v));
    }

    /** The text field that edits input cells; for tests. */
    public javafx.scene.control.TextField editorField() {
        return editor.field();
    }

    /** The channel drawn in front: the one in focus, else one the user picked, else the current move's. */
    public int frontChannel() {
        Frame f = model.frame();
        if (f == null) {
            return 0;
        }
        Highlight hl = model.highlight();
        if (hl != null) {
            return hl.c();
        }
        if (preferredChannel >= 0 && preferredChannel < f.geometry().c()) {
            return preferredChannel;
        }
        Move m = model.currentMove();
        return m == null ? 0 : m.tap() / (f.geometry().kh() * f.geometry().kw());
    }

    /** The input position under canvas point (x, y) on a front plane, padding included; or null. */
    public Focus.Input focusAt(double x, double y) {
        Frame f = model.frame();
        if (f == null || cell <= 0) {
            return null;
        }
        Geometry g = f.geometry();
        int n = (int) Math.floor((x - left) / (stackW + GAP));
        if (n < 0 || n >= g.n()) {
            return null;
        }
        double px = x - (left + n * (stackW + GAP));
        double py = y - (top + (g.c() - 1) * off);
        int xx = (int) Math.floor(px / cell);
        int yy = (int) Math.floor(py / cell);
        if (px < 0 || py < 0 || xx >= g.w() + 2 * g.pw() || yy >= g.h() + 2 * g.ph()) {
            return null;
        }
        return new Focus.Input(n, front, yy - g.ph(), xx - g.pw());
    }

    /** Canvas point at the centre of input position (n, y, x) on the front plane. */
    public double[] centreOf(int n, int y, int x) {
        Geometry g = model.frame().geometry();
        return new double[] {left + n * (stackW + GAP) + (x + g.pw() + 0.5) * cell,
                top + (g.c() - 1) * off + (y + g.ph() + 0.5) * cell};
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    private void click(double x, double y) {
        Focus.Input at = focusAt(x, y);
        if (at != null) {
            model.togglePin(at);
            return;
        }
        int c = backPlaneAt(x, y);
        if (c >= 0) {
            preferredChannel = c;
            invalidate();
        } else {
            model.togglePin(null);
        }
    }

    /** Channel of the back plane whose visible edge is at (x, y), or -1. */
    private int backPlaneAt(double x, double y) {
        Frame f = model.frame();
        if (f == null || cell <= 0) {
            return -1;
        }
        Geometry g = f.geometry();
        double pw = (g.w() + 2 * g.pw()) * cell;
        double ph = (g.h() + 2 * g.ph()) * cell;
        for (int n = 0; n < g.n(); n++) {
            double x0 = left + n * (stackW + GAP);
            int[] order = depthOrder(g.c(), front);
            for (int d = 1; d < order.length; d++) {
                double ox = x0 + d * off;
                double oy = top + (g.c() - 1 - d) * off;
                if (x >= ox && x <= ox + pw && y >= oy && y <= oy + ph) {
                    return order[d];
                }
            }
        }
        return -1;
    }

    /** Channels from front (index 0) to back. */
    private static int[] depthOrder(int channels, int front) {
        int[] order = new int[channels];
        order[0] = front;
        for (int c = 0, d = 1; c < channels; c++) {
            if (c != front) {
                order[d++] = c;
            }
        }
        return order;
    }

    @Override
    protected void draw(GraphicsContext base, double w, double h) {
        Palette p = palette.get();
        GraphicsContext g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        Frame f = model.frame();
        if (f == null) {
            base.setFill(p.background());
            base.fillRect(0, 0, w, h);
            baseKey = null;
            return;
        }
        Geometry geo = f.geometry();
        int rows = geo.h() + 2 * geo.ph();
        int cols = geo.w() + 2 * geo.pw();
        int planes = geo.c();
        front = frontChannel();
        Object key = java.util.List.of(f, front, w, h, p, backingScale(), typeScale());
        if (!key.equals(baseKey)) {
            baseKey = key;
            layout(geo, w, h, rows, cols, planes);
            drawBase(base, p, f, w, h, rows, cols, planes);
        }
        Move move = model.currentMove();
        ColumnElement cur = move == null ? null : ColumnElement.of(geo, move.row(), move.tap());
        Highlight hl = model.highlight();
        for (int n = 0; n < geo.n(); n++) {
            double fx = left + n * (stackW + GAP);
            double fy = top + (planes - 1) * off;
            if (cur != null && cur.n() == n && cur.c() == front) {
                drawWindow(g, p, f, cur, fx, fy);
            }
            if (hl != null && hl.n() == n && hl.c() == front) {
                drawFocus(g, p, geo, hl, fx, fy);
            }
        }
        if (model.problem() != null) {
            g.setFill(p.background().deriveColor(0, 1, 1, 0.65));
            g.fillRect(0, 0, w, h);
        }
    }

    private void layout(Geometry geo, double w, double h, int rows, int cols, int planes) {
        double margin = 34;
        double availW = (w - margin - 12 - (geo.n() - 1) * GAP) / geo.n();
        double availH = h - margin - 12;
        off = 0;
        // presentation mode lets a small input grow as far as its type does, where the view has the room
        double maxCell = MAX_CELL * typeScale();
        for (int i = 0; i < 3; i++) {
            cell = Math.min(maxCell, Math.min((availW - (planes - 1) * off) / cols, (availH - (planes - 1) * off) / rows));
            off = planes == 1 ? 0 : clamp(cell * 0.9, 10, 26);
        }
        cell = Math.max(1, Math.floor(cell * 2) / 2);
        // and its numbers with it: in presentation mode as much larger as the window's type, as far as a cell holds
        // them (a number too wide for its cell is set smaller by CellText)
        valueFont = Font.font("System", FontWeight.NORMAL, clamp(cell * 0.42 * typeScale(), 8, 20 * typeScale()));
        currentFont = Font.font("System", FontWeight.BOLD, valueFont.getSize());
        stackW = cols * cell + (planes - 1) * off;
        double usedW = geo.n() * stackW + (geo.n() - 1) * GAP;
        double usedH = rows * cell + (planes - 1) * off;
        left = Math.max(margin, (w - usedW) / 2 + margin / 2);
        top = Math.max(margin, (h - usedH) / 2 + margin / 2);
    }

    private void drawBase(GraphicsContext g, Palette p, Frame f, double w, double h, int rows, int cols, int planes) {
        Geometry geo = f.geometry();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        int[] order = depthOrder(planes, front);
        for (int n = 0; n < geo.n(); n++) {
            double x0 = left + n * (stackW + GAP);
            for (int d = planes - 1; d >= 1; d--) {
                drawBackPlane(g, p, order[d], x0 + d * off, top + (planes - 1 - d) * off, cols * cell, rows * cell);
            }
            double fx = x0;
            double fy = top + (planes - 1) * off;
            drawFrontPlane(g, p, f, n, front, fx, fy, rows, cols);
            drawLattice(g, p, geo, fx, fy);
            drawPlaneLabel(g, p, geo, n, front, fx, fy);
        }
    }

    private void drawBackPlane(GraphicsContext g, Palette p, int c, double x, double y, double pw, double ph) {
        Color hue = p.channel(c);
        g.setFill(p.background().interpolate(hue, 0.22));
        g.fillRect(x, y, pw, ph);
        g.setFill(hue);
        Paint2D.outline(g, x, y, pw, ph, 2);
        g.setFont(Font.font("System", FontWeight.BOLD, clamp(off * 0.7, 9, 15 * typeScale())));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("c" + c, x + pw - 4, y + 1);
    }

    private void drawFrontPlane(GraphicsContext g, Palette p, Frame f, int n, int c, double x0, double y0,
                                int rows, int cols) {
        Geometry geo = f.geometry();
        double max = f.inputMax();
        for (int yy = 0; yy < rows; yy++) {
            int y = yy - geo.ph();
            for (int xx = 0; xx < cols; xx++) {
                int x = xx - geo.pw();
                double cx = x0 + xx * cell;
                double cy = y0 + yy * cell;
                boolean pad = y < 0 || y >= geo.h() || x < 0 || x >= geo.w();
                double v = f.inputValue(n, c, y, x);
                Color fill = pad ? p.padding() : Paint2D.valueFill(p, c, v, max);
                g.setFill(pad && cell >= 10 ? Paint2D.hatch(p) : fill);
                g.fillRect(cx, cy, cell, cell);
                // a picture's values ("0.774") are longer than whole numbers: smaller type, down to 8 px
                text(v, valueFont).draw(g, pad ? p.mutedText() : p.textOn(fill), cx + cell / 2, cy + cell / 2);
            }
        }
        if (cell >= 5) {
            g.setFill(p.grid());
            for (int yy = 0; yy <= rows; yy++) {
                g.fillRect(x0, Math.floor(y0 + yy * cell), cols * cell, 1);
            }
            for (int xx = 0; xx <= cols; xx++) {
                g.fillRect(Math.floor(x0 + xx * cell), y0, 1, rows * cell);
            }
        }
        // the real input's border, so the padding ring reads as a frame around it
        g.setFill(p.channel(c));
        double bw = Math.max(2, Math.min(4, cell / 8));
        Paint2D.outline(g, x0 + geo.pw() * cell - bw / 2, y0 + geo.ph() * cell - bw / 2, geo.w() * cell + bw,
                geo.h() * cell + bw, bw);
    }

    /** A dot at the top-left tap of every window: the stride, made visible. */
    private void drawLattice(GraphicsContext g, Palette p, Geometry geo, double x0, double y0) {
        if (cell < 6) {
            return;
        }
        double r = Math.round(clamp(cell * 0.1, 2, 5));
        g.setFill(p.mutedText());
        for (int oy = 0; oy < geo.oh(); oy++) {
            for (int ox = 0; ox < geo.ow(); ox++) {
                g.fillRect(x0 + ox * geo.sw() * cell + 2, y0 + oy * geo.sh() * cell + 2, r, r);
            }
        }
    }

    private void drawWindow(GraphicsContext g, Palette p, Frame f, ColumnElement e, double x0, double y0) {
        Geometry geo = f.geometry();
        double lw = Math.max(2, Math.min(4, cell / 7));
        if (f.order() == TraceOrder.IM2COL_BY_TAP) {
            // the seed's slab: one (ky, kx) for every window, img[j:j_lim:SH, i:i_lim:SW]
            g.setFill(p.current());
            for (int oy = 0; oy < geo.oh(); oy++) {
                for (int ox = 0; ox < geo.ow(); ox++) {
                    double sy = y0 + (oy * geo.sh() + e.ky() * geo.dh()) * cell;
                    double sx = x0 + (ox * geo.sw() + e.kx() * geo.dw()) * cell;
                    Paint2D.outline(g, sx, sy, cell, cell, lw);
                }
            }
        }
        double wy = y0 + e.oy() * geo.sh() * cell;
        double wx = x0 + e.ox() * geo.sw() * cell;
        double spanY = ((geo.kh() - 1) * geo.dh() + 1) * cell;
        double spanX = ((geo.kw() - 1) * geo.dw() + 1) * cell;
        g.setStroke(p.window());
        g.setLineWidth(1.5);
        g.setLineDashes(6, 4);
        g.strokeRect(wx - 3, wy - 3, spanX + 6, spanY + 6);
        g.setLineDashes((double[]) null);
        g.setFill(p.window());
        for (int ky = 0; ky < geo.kh(); ky++) {
            for (int kx = 0; kx < geo.kw(); kx++) {
                double cy = wy + ky * geo.dh() * cell;
                double cx = wx + kx * geo.dw() * cell;
                Paint2D.outline(g, cx, cy, cell, cell, lw);
            }
        }
        double cx = x0 + (e.ix() + geo.pw()) * cell;
        double cy = y0 + (e.iy() + geo.ph()) * cell;
        g.setFill(p.current());
        g.fillRect(cx, cy, cell, cell);
        g.setFill(p.currentOutline());
        Paint2D.outline(g, cx, cy, cell, cell, lw);
        text(f.inputValue(e.n(), e.c(), e.iy(), e.ix()), currentFont).draw(g, Color.web("#111418"), cx + cell / 2,
                cy + cell / 2);
    }

    private CellText text(double v, Font font) {
        return cell >= 20 ? CellText.of(v, font, cell) : CellText.NONE;
    }

    /** What cell (n, y, x) of the front plane shows as last drawn, padding included, bold where it is current. */
    CellText textAt(int n, int y, int x) {
        Frame f = model.frame();
        Move m = model.currentMove();
        ColumnElement e = m == null ? null : ColumnElement.of(f.geometry(), m.row(), m.tap());
        boolean current = e != null && e.n() == n && e.c() == front && e.iy() == y && e.ix() == x;
        return text(f.inputValue(n, front, y, x), current ? currentFont : valueFont);
    }

    private void drawFocus(GraphicsContext g, Palette p, Geometry geo, Highlight hl, double x0, double y0) {
        double cx = x0 + (hl.x() + geo.pw()) * cell;
        double cy = y0 + (hl.y() + geo.ph()) * cell;
        double lw = Math.max(2.5, Math.min(5, cell / 6));
        g.setFill(p.link());
        Paint2D.outline(g, cx, cy, cell, cell, lw);
        // the number of column cells holding a copy, as a badge beside the image's planes, level with the cell
        String text = "×" + hl.count();
        Font font = CountBadge.font(cell);
        double[] size = CountBadge.size(text, font);
        java.util.List<Rectangle2D> stacks = new java.util.ArrayList<>();
        for (int n = 0; n < geo.n(); n++) {
            stacks.add(stackBounds(geo, n));
        }
        badge = CountBadge.place(cx, cy, cell, size[0], size[1], stacks.get(hl.n()), stacks, canvasWidth(),
                canvasHeight());
        CountBadge.draw(g, p.link(), badge, text, font);
    }

    /** Image n's planes with their row numbers and channel label: what a badge must not cover. */
    private Rectangle2D stackBounds(Geometry geo, int n) {
        int rows = geo.h() + 2 * geo.ph();
        double ts = typeScale();
        double labels = cell >= 14 ? HeaderLabels.width("-00", rowNumberFont()) + 4
                : 0;
        double x0 = left + n * (stackW + GAP);
        double y0 = top - 4 - 16 * ts;
        return new Rectangle2D(x0 - labels, y0, stackW + labels, top + (geo.c() - 1) * off + rows * cell - y0);
    }

    /** Where the pointed cell's count badge was last drawn, or null: for tests. */
    Rectangle2D badgeBounds() {
        return model.highlight() == null ? null : badge;
    }

    private void drawPlaneLabel(GraphicsContext g, Palette p, Geometry geo, int n, int c, double x0, double y0) {
        double fs = 13 * typeScale();
        g.setFont(Font.font("System", FontWeight.BOLD, fs));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(p.channel(c));
        String label = (geo.n() > 1 ? "n" + n + " · " : "") + "c" + c;
        g.fillText(label, x0, top - 4 > 0 && geo.c() > 1 ? top - 4 : y0 - 4);
        if (cell >= 14) {
            g.setFont(rowNumberFont());
            g.setFill(p.mutedText());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.CENTER);
            for (int yy = 0; yy < geo.h() + 2 * geo.ph(); yy++) {
                g.fillText(Integer.toString(yy - geo.ph()), x0 - 4, y0 + (yy + 0.5) * cell);
            }
        }
    }

    /** The row numbers beside the front plane: a third of a cell, from 9 to 13 px, larger in presentation mode. */
    private Font rowNumberFont() {
        double scale = typeScale();
        return Font.font("System", FontWeight.NORMAL, clamp(cell * 0.32 * scale, 9, 13 * scale));
    }

    /** The size of the cells' numbers as last drawn, and the cell's size: for tests. */
    double[] cellAndValueSize() {
        return new double[] {cell, valueFont == null ? 0 : valueFont.getSize()};
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
