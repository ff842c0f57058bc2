package dev.unfold.app.view;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Product;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * A convolution's matrix product drawn the way it is computed: A on the left, B above, C = A · B where their
 * rows and columns meet, and beside it C reshaped (y to (N, OC, OH, OW), gW to kernels) or, for the column
 * gradient, the gx that col2im makes of it. The animation multiplies one term at a time: row i of A and column j
 * of B are outlined, the current pair of factors filled, and C[i, j] shows the sum so far until it is complete.
 * Dimensions too long for the room show a window that follows the animation (the mouse wheel scrolls the rows).
 * Weights and biases are edited in place: double-click a cell, or select it and type.
 */
public final class GemmView extends CanvasPane {

    /** The blocks of the picture. */
    public enum Role { A, B, C, BIAS }

    /** A cell of a block, in matrix indices. */
    public record Hit(Role role, int r, int c) {
    }

    /** What the index along a dimension means, for its header labels. */
    private enum Dim { ROW, TAP, OC }

    private static final double MARGIN = 16;
    private static final double MIN_CELL = 30;
    private static final double MAX_CELL = 60;
    private static final Font HEADER_FONT = Font.font("System", FontWeight.NORMAL, 12);

    private final MainModel model;
    private final BackwardModel backward;
    private final I18n i18n;
    private final ObjectProperty<Palette> palette;
    private final CellEditor editor;
    private final ReadOnlyObjectWrapper<Hit> hover = new ReadOnlyObjectWrapper<>(this, "pointed");
    private Hit selected;

    // layout of the last draw
    private double cell;
    private Font valueFont;
    private Font currentFont;
    private double ax;
    private double ay;
    private double bx;
    private double by;
    private double biasY;
    private int mVis;
    private int nVis;
    private int kVis;
    private int mStart;
    private int nStart;
    private int kStart;
    private BackwardFrame laidOut;
    private Product laidOutProduct;
    /** Texts over the columns as last drawn, measured only when a test asks: measuring every label costs per frame. */
    private record HeaderText(String text, Font font, double centreX, double top, boolean rightAligned) {
    }

    private final List<HeaderText> columnHeaderTexts = new ArrayList<>();
    private double sideLeft;
    private double[] scale; // largest |value| of A, B, C and the bias for laidOut: computed once, not every frame
    private final java.util.Map<Integer, WritableImage> planeImages = new java.util.HashMap<>();

    public GemmView(MainModel model, BackwardModel backward, I18n i18n, ObjectProperty<Palette> palette) {
        this.model = model;
        this.backward = backward;
        this.i18n = i18n;
        this.palette = palette;
        getStyleClass().add("gemm-view");
        editor = new CellEditor(getChildren());
        editor.invalidTextProperty().bind(i18n.text("cell.invalid"));
        editor.onClosed(this::requestFocus);
        backward.frameProperty().addListener(o -> invalidate());
        backward.productProperty().addListener(o -> invalidate());
        model.positionProperty().addListener(o -> invalidate());
        model.problemProperty().addListener(o -> invalidate());
        palette.addListener(o -> invalidate());
        i18n.localeProperty().addListener(o -> invalidate());
        hover.addListener(o -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover.set(hitAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.set(null));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> requestFocus());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        addEventHandler(KeyEvent.KEY_TYPED, this::typed);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.F2) && selected != null) {
                edit(selected, null);
                e.consume();
            }
        });
        setFocusTraversable(true);
    }

    /** The cell under the pointer, or null. */
    public ReadOnlyObjectProperty<Hit> pointedProperty() {
        return hover.getReadOnlyProperty();
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    /** The text field that edits weights; for tests. */
    public javafx.scene.control.TextField editorField() {
        return editor.field();
    }

    /** Where the texts over the columns of C and of the matrix above it were last drawn, their axis name included. */
    List<Rectangle2D> columnHeaderTexts() {
        return columnHeaderTexts.stream().map(t -> {
            double tw = Fonts.width(t.text(), t.font());
            return new Rectangle2D(t.rightAligned() ? t.centreX() - tw : t.centreX() - tw / 2, t.top(), tw, 18);
        }).toList();
    }

    /** The left edge of the side panel as last drawn. */
    double sideLeft() {
        return sideLeft;
    }

    /** Canvas rectangle {x, y, w, h} of a cell as last drawn, or null when it is not in view. */
    public double[] cellBounds(Role role, int r, int c) {
        BackwardFrame f = backward.frame();
        if (f == null || laidOut == null) {
            return null;
        }
        double[] o = origin(role);
        int[] start = starts(role);
        int[] vis = visible(role);
        int dr = r - start[0];
        int dc = c - start[1];
        if (dr < 0 || dc < 0 || dr >= vis[0] || dc >= vis[1]) {
            return null;
        }
        return new double[] {o[0] + dc * cell, o[1] + dr * cell, cell, cell};
    }

    /** The cell under canvas point (x, y), or null. */
    public Hit hitAt(double x, double y) {
        if (laidOut == null || cell <= 0) {
            return null;
        }
        for (Role role : Role.values()) {
            if (role == Role.BIAS && laidOutProduct != Product.FORWARD) {
                continue;
            }
            double[] o = origin(role);
            int[] vis = visible(role);
            int[] start = starts(role);
            int dc = (int) Math.floor((x - o[0]) / cell);
            int dr = (int) Math.floor((y - o[1]) / cell);
            if (x >= o[0] && y >= o[1] && dr < vis[0] && dc < vis[1]) {
                return new Hit(role, start[0] + dr, start[1] + dc);
            }
        }
        return null;
    }

    private double[] origin(Role role) {
        return switch (role) {
            case A -> new double[] {ax, ay};
            case B -> new double[] {bx, by};
            case C -> new double[] {bx, ay};
            case BIAS -> new double[] {bx, biasY};
        };
    }

    private int[] starts(Role role) {
        return switch (role) {
            case A -> new int[] {mStart, kStart};
            case B -> new int[] {kStart, nStart};
            case C -> new int[] {mStart, nStart};
            case BIAS -> new int[] {0, nStart};
        };
    }

    private int[] visible(Role role) {
        return switch (role) {
            case A -> new int[] {mVis, kVis};
            case B -> new int[] {kVis, nVis};
            case C -> new int[] {mVis, nVis};
            case BIAS -> new int[] {1, nVis};
        };
    }

    private boolean editable(Hit h) {
        Product p = backward.product();
        return h != null && (h.role() == Role.BIAS && p == Product.FORWARD
                || h.role() == Role.B && p != Product.WEIGHT_GRADIENT);
    }

    private void click(MouseEvent e) {
        Hit h = hitAt(e.getX(), e.getY());
        int[] side = h == null ? sideElementAt(e.getX(), e.getY()) : null;
        if (e.getButton() == MouseButton.PRIMARY && side != null) {
            backward.seekProductElement(side[0], side[1]); // the same output as in C, reshaped
        }
        if (e.getButton() != MouseButton.PRIMARY || h == null) {
            selected = null;
            invalidate();
            return;
        }
        if (h.role() == Role.C) {
            backward.seekProductElement(h.r(), h.c());
        }
        selected = editable(h) ? h : null;
        invalidate();
        if (e.getClickCount() == 2 && selected != null) {
            edit(h, null);
        }
    }

    private void typed(KeyEvent e) {
        String ch = e.getCharacter();
        if (selected != null && !editor.isOpen() && ch.length() == 1 && (Character.isDigit(ch.charAt(0))
                || ch.charAt(0) == '.')) {
            edit(selected, ch);
            e.consume();
        }
    }

    /** Opens the editor on a weight or bias cell. */
    public void edit(Hit h, String typed) {
        BackwardFrame f = backward.frame();
        double[] b = cellBounds(h.role(), h.r(), h.c());
        if (f == null || b == null || !editable(h)) {
            return;
        }
        Product p = backward.product();
        int oc;
        int tap;
        if (h.role() == Role.BIAS) {
            oc = h.c();
            tap = -1;
        } else if (p == Product.FORWARD) { // Wᵀ[tap, oc]
            oc = h.c();
            tap = h.r();
        } else { // W[oc, tap]
            oc = h.r();
            tap = h.c();
        }
        double v = tap < 0 ? f.bias()[oc] : f.w(oc, tap);
        editor.open(b[0], b[1], b[2], b[3], CellFormat.value(v), typed, value -> {
            if (tap < 0) {
                backward.editBias(oc, value);
            } else {
                backward.editWeight(oc, tap, value);
            }
        });
    }

    private void scroll(ScrollEvent e) {
        BackwardFrame f = backward.frame();
        if (f == null || laidOut == null) {
            return;
        }
        int m = backward.product().m(f);
        int d = e.getDeltaY() > 0 ? -3 : e.getDeltaY() < 0 ? 3 : 0;
        mStart = Math.max(0, Math.min(m - mVis, mStart + d));
        invalidate();
        e.consume();
    }

    private static Dim[] dims(Product p) {
        return switch (p) { // m, n, k
            case FORWARD -> new Dim[] {Dim.ROW, Dim.OC, Dim.TAP};
            case COLUMN_GRADIENT -> new Dim[] {Dim.ROW, Dim.TAP, Dim.OC};
            case WEIGHT_GRADIENT -> new Dim[] {Dim.OC, Dim.TAP, Dim.ROW};
        };
    }

    private static String label(Dim d, Geometry g, int i) {
        return switch (d) {
            case OC -> Integer.toString(i);
            case TAP -> {
                int kk = g.kh() * g.kw();
                yield i / kk + "," + i % kk / g.kw() + "," + i % g.kw();
            }
            case ROW -> {
                int ohw = g.oh() * g.ow();
                yield i / ohw + "," + i % ohw / g.ow() + "," + i % g.ow();
            }
        };
    }

    private static String axes(Dim d) {
        return switch (d) {
            case OC -> "oc";
            case TAP -> "c,ky,kx";
            case ROW -> "n,oy,ox";
        };
    }

    /** Keeps {@code cur} inside a window of {@code vis} of {@code size}, moving the window only when it must. */
    private static int follow(int start, int vis, int size, int cur) {
        if (cur >= 0 && (cur < start || cur >= start + vis)) {
            start = cur - vis / 3;
        }
        return Math.max(0, Math.min(size - vis, start));
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        Palette p = palette.get();
        g.setFill(p.background());
        g.fillRect(0, 0, w, h);
        BackwardFrame f = backward.frame();
        if (f == null) {
            laidOut = null;
            return;
        }
        Geometry geo = f.geometry();
        Product pr = backward.product();
        Product.Step step = backward.productStep();
        int m = pr.m(f);
        int n = pr.n(f);
        int k = pr.k(f);
        Dim[] dims = dims(pr);
        boolean bias = pr == Product.FORWARD;

        double sideW = Math.max(170, Math.min(380, w * 0.27));
        double labelFont = 12;
        double rowHeaderW = Math.max(axes(dims[0]).length(), label(dims[0], geo, m - 1).length()) * labelFont * 0.62
                + 14;
        double titleH = 24;
        double headH = 18;
        double gapRow = titleH + headH + 6;
        double gapCol = 26;
        // C's last column label, centred on its cell, may be wider than the cell: the side panel must not cover it
        double overhang = Math.max(0, (Fonts.width(label(dims[1], geo, n - 1), HEADER_FONT) - MIN_CELL) / 2);
        double fixedW = MARGIN + rowHeaderW + gapCol + MARGIN + sideW + MARGIN + overhang;
        double fixedV = MARGIN + titleH + headH + gapRow + MARGIN + 18;
        // large enough to read from the back of a room: a long m gets a window of rows rather than small cells
        cell = Math.floor(clamp(Math.min((w - fixedW) / (k + n), (h - fixedV) / (k + Math.min(m, 10) + (bias ? 1.3 : 0))),
                MIN_CELL, MAX_CELL));
        int budgetW = (int) Math.max(2, Math.floor((w - fixedW) / cell));
        int budgetH = (int) Math.max(3, Math.floor((h - fixedV - (bias ? cell * 1.3 : 0)) / cell));
        // C's columns first, then the inner dimension, keeping a few rows; whatever does not fit gets a window
        nVis = Math.max(1, Math.min(n, budgetW - Math.min(k, 4)));
        // a short dot product is shown whole where that still leaves four rows: at 1024 × 768 the seed's 2 × 2
        // kernel keeps its four terms rather than a window of three that hides the fourth from the class
        boolean wholeK = k <= budgetW - nVis && k <= budgetH - Math.min(m, 4);
        kVis = wholeK ? k : Math.max(1, Math.min(k, Math.min(budgetW - nVis, Math.max(2, budgetH - Math.min(m, 6)))));
        mVis = Math.max(1, Math.min(m, budgetH - kVis));
        if (laidOut != f || laidOutProduct != pr) {
            scale = null;
            mStart = Math.min(mStart, Math.max(0, m - mVis));
            nStart = Math.min(nStart, Math.max(0, n - nVis));
            kStart = Math.min(kStart, Math.max(0, k - kVis));
        }
        laidOut = f;
        laidOutProduct = pr;
        if (step != null) {
            mStart = follow(mStart, mVis, m, step.i());
            nStart = follow(nStart, nVis, n, step.j());
            kStart = follow(kStart, kVis, k, step.t());
        } else {
            mStart = follow(mStart, mVis, m, -1);
            nStart = follow(nStart, nVis, n, -1);
            kStart = follow(kStart, kVis, k, -1);
        }
        double gemmW = rowHeaderW + kVis * cell + gapCol + nVis * cell;
        // left-aligned, so that the titles of a narrow C have the room up to the side panel
        double left = MARGIN + Math.max(0, Math.min(40, (w - sideW - 2 * MARGIN - gemmW - MARGIN) / 2));
        ax = left + rowHeaderW;
        bx = ax + kVis * cell + gapCol;
        double top = MARGIN + titleH + headH;
        biasY = top;
        by = top + (bias ? cell * 1.3 : 0);
        ay = by + kVis * cell + gapRow;

        if (scale == null) {
            scale = scales(f, pr);
        }
        double maxA = scale[0];
        double maxB = scale[1];
        double maxC = scale[2];
        valueFont = Font.font("System", FontWeight.NORMAL, clamp(cell * 0.36, 8, 18));
        currentFont = Font.font("System", FontWeight.BOLD, valueFont.getSize());
        // A (m × k), B (k × n), C (m × n), b (1 × n)
        for (int r = 0; r < mVis; r++) {
            for (int c = 0; c < kVis; c++) {
                int i = mStart + r;
                int t = kStart + c;
                cellAt(g, p, ax + c * cell, ay + r * cell, pr.a(f, i, t), 0, maxA);
            }
        }
        for (int r = 0; r < kVis; r++) {
            for (int c = 0; c < nVis; c++) {
                int t = kStart + r;
                int j = nStart + c;
                cellAt(g, p, bx + c * cell, by + r * cell, pr.b(f, t, j), 2, maxB);
            }
        }
        if (bias) {
            for (int c = 0; c < nVis; c++) {
                cellAt(g, p, bx + c * cell, biasY, f.bias()[nStart + c], 3, scale[3]);
            }
        }
        for (int r = 0; r < mVis; r++) {
            for (int c = 0; c < nVis; c++) {
                double v = backward.productValue(mStart + r, nStart + c);
                if (Double.isNaN(v)) {
                    g.setFill(p.empty());
                    g.fillRect(bx + c * cell, ay + r * cell, cell, cell);
                } else {
                    cellAt(g, p, bx + c * cell, ay + r * cell, v, 1, maxC);
                }
            }
        }
        gridLines(g, p, ax, ay, mVis, kVis);
        gridLines(g, p, bx, by, kVis, nVis);
        gridLines(g, p, bx, ay, mVis, nVis);
        if (bias) {
            gridLines(g, p, bx, biasY, 1, nVis);
        }

        double lw = Math.max(2, Math.min(3.5, cell / 8));
        if (step != null) {
            int ri = step.i() - mStart;
            int cj = step.j() - nStart;
            int ct = step.t() - kStart;
            g.setFill(p.window());
            if (ri >= 0 && ri < mVis) {
                Paint2D.outline(g, ax, ay + ri * cell, kVis * cell, cell, lw);
            }
            if (cj >= 0 && cj < nVis) {
                Paint2D.outline(g, bx + cj * cell, by, cell, kVis * cell, lw);
            }
            if (ct >= 0 && ct < kVis && ri >= 0 && ri < mVis) {
                current(g, p, ax + ct * cell, ay + ri * cell, pr.a(f, step.i(), step.t()), lw);
            }
            if (ct >= 0 && ct < kVis && cj >= 0 && cj < nVis) {
                current(g, p, bx + cj * cell, by + ct * cell, pr.b(f, step.t(), step.j()), lw);
            }
            if (ri >= 0 && ri < mVis && cj >= 0 && cj < nVis) {
                current(g, p, bx + cj * cell, ay + ri * cell, backward.productValue(step.i(), step.j()), lw);
            }
        }
        Hit hv = hover.get();
        if (hv != null) {
            g.setFill(p.link());
            if (hv.role() == Role.C) {
                outlineRow(g, Role.A, hv.r(), lw);
                outlineCol(g, Role.B, hv.c(), lw);
            }
            double[] b = cellBounds(hv.role(), hv.r(), hv.c());
            if (b != null) {
                Paint2D.outline(g, b[0], b[1], b[2], b[3], lw);
            }
        }
        if (selected != null) {
            double[] b = cellBounds(selected.role(), selected.r(), selected.c());
            if (b != null) {
                g.setFill(p.currentOutline());
                Paint2D.outline(g, b[0] - 2, b[1] - 2, b[2] + 4, b[3] + 4, 2);
            }
        }
        double sideX = w - sideW - MARGIN;
        sideLeft = sideX - 8;
        headers(g, p, geo, pr, dims, m, n, k, step, rowHeaderW, headH, bias, sideX - 12);
        side(g, p, f, pr, step, sideX, MARGIN, sideW, h - 2 * MARGIN);
        if (model.problemProperty().get() != null) {
            g.setFill(p.background().deriveColor(0, 1, 1, 0.65));
            g.fillRect(0, 0, w, h);
        }
    }

    private void outlineRow(GraphicsContext g, Role role, int r, double lw) {
        double[] first = cellBounds(role, r, starts(role)[1]);
        if (first != null) {
            Paint2D.outline(g, first[0], first[1], visible(role)[1] * cell, cell, lw);
        }
    }

    private void outlineCol(GraphicsContext g, Role role, int c, double lw) {
        double[] first = cellBounds(role, starts(role)[0], c);
        if (first != null) {
            Paint2D.outline(g, first[0], first[1], cell, visible(role)[0] * cell, lw);
        }
    }

    private static double[] scales(BackwardFrame f, Product pr) {
        double[] s = {1e-12, 1e-12, 1e-12, 1e-12};
        for (int i = 0; i < pr.m(f); i++) {
            for (int t = 0; t < pr.k(f); t++) {
                s[0] = Math.max(s[0], Math.abs(pr.a(f, i, t)));
            }
            for (int j = 0; j < pr.n(f); j++) {
                s[2] = Math.max(s[2], Math.abs(pr.c(f, i, j)));
            }
        }
        for (int t = 0; t < pr.k(f); t++) {
            for (int j = 0; j < pr.n(f); j++) {
                s[1] = Math.max(s[1], Math.abs(pr.b(f, t, j)));
            }
        }
        for (double b : f.bias()) {
            s[3] = Math.max(s[3], Math.abs(b));
        }
        return s;
    }

    private void cellAt(GraphicsContext g, Palette p, double x, double y, double v, int hue, double max) {
        Color fill = Paint2D.valueFill(p, hue, v, max);
        g.setFill(fill);
        g.fillRect(x, y, cell, cell);
        text(v, valueFont).draw(g, p.textOn(fill), x + cell / 2, y + cell / 2);
    }

    private void current(GraphicsContext g, Palette p, double x, double y, double v, double lw) {
        g.setFill(p.current());
        g.fillRect(x, y, cell, cell);
        g.setFill(p.currentOutline());
        Paint2D.outline(g, x, y, cell, cell, lw);
        text(v, currentFont).draw(g, Color.web("#111418"), x + cell / 2, y + cell / 2);
    }

    private CellText text(double v, Font font) {
        return cell >= 18 ? CellText.of(v, font, cell) : CellText.NONE;
    }

    /** What cell (r, c) of {@code role}'s matrix shows as last drawn, bold where the current step reads it. */
    CellText textAt(Role role, int r, int c) {
        BackwardFrame f = backward.frame();
        Product pr = backward.product();
        Product.Step s = backward.productStep();
        double v = switch (role) {
            case A -> pr.a(f, r, c);
            case B -> pr.b(f, r, c);
            case C -> backward.productValue(r, c);
            case BIAS -> f.bias()[c];
        };
        boolean current = s != null && switch (role) {
            case A -> r == s.i() && c == s.t();
            case B -> r == s.t() && c == s.j();
            case C -> r == s.i() && c == s.j();
            case BIAS -> false;
        };
        return Double.isNaN(v) ? CellText.NONE : text(v, current ? currentFont : valueFont);
    }

    private void gridLines(GraphicsContext g, Palette p, double x0, double y0, int rows, int cols) {
        g.setFill(p.grid());
        for (int r = 0; r <= rows; r++) {
            g.fillRect(x0, Math.floor(y0 + r * cell), cols * cell, 1);
        }
        for (int c = 0; c <= cols; c++) {
            g.fillRect(Math.floor(x0 + c * cell), y0, 1, rows * cell);
        }
    }

    private void headers(GraphicsContext g, Palette p, Geometry geo, Product pr, Dim[] dims, int m, int n, int k,
                         Product.Step step, double rowHeaderW, double headH, boolean bias, double right) {
        Font small = HEADER_FONT;
        Font smallBold = Font.font("System", FontWeight.BOLD, 12);
        columnHeaderTexts.clear();
        int curI = step == null ? -1 : step.i();
        int curJ = step == null ? -1 : step.j();
        int curT = step == null ? -1 : step.t();
        g.setTextBaseline(VPos.CENTER);
        // rows of A and C (m)
        g.setTextAlign(TextAlignment.RIGHT);
        int every = cell >= 15 ? 1 : 2;
        for (int r = 0; r < mVis; r++) {
            int i = mStart + r;
            if (labelled(r, curI - mStart, mVis, every)) {
                g.setFont(i == curI ? smallBold : small);
                g.setFill(i == curI ? p.text() : p.mutedText());
                g.fillText(label(dims[0], geo, i), ax - 6, ay + (r + 0.5) * cell);
            }
        }
        // rows of B (k), left of B
        for (int r = 0; r < kVis; r++) {
            int t = kStart + r;
            g.setFont(t == curT ? smallBold : small);
            g.setFill(t == curT ? p.text() : p.mutedText());
            g.fillText(label(dims[2], geo, t), bx - 6, by + (r + 0.5) * cell);
        }
        if (bias) {
            g.setFont(smallBold);
            g.setFill(p.channel(3));
            g.fillText("b", bx - 6, biasY + cell / 2);
        }
        // columns of B and C (n), above B; columns of A (k), above A
        g.setTextAlign(TextAlignment.CENTER);
        double labelW = label(dims[1], geo, n - 1).length() * 12 * 0.62 + 4;
        int stepN = labelW <= cell ? 1 : (int) Math.ceil(labelW / cell);
        double firstB = Double.NaN; // where the leftmost label starts: labels go left to right, only it is measured
        for (int c = 0; c < nVis; c++) {
            int j = nStart + c;
            if (labelled(c, curJ - nStart, nVis, stepN)) {
                Font font = j == curJ ? smallBold : small;
                String text = label(dims[1], geo, j);
                double x = bx + (c + 0.5) * cell;
                g.setFont(font);
                g.setFill(j == curJ ? p.text() : p.mutedText());
                g.fillText(text, x, biasY - headH / 2);
                columnHeaderTexts.add(new HeaderText(text, font, x, biasY - headH, false));
                if (Double.isNaN(firstB)) {
                    firstB = Math.min(bx, x - Fonts.width(text, font) / 2);
                }
            }
        }
        double labelK = label(dims[2], geo, k - 1).length() * 12 * 0.62 + 4;
        int stepK = labelK <= cell ? 1 : (int) Math.ceil(labelK / cell);
        double firstA = Double.NaN;
        for (int c = 0; c < kVis; c++) {
            int t = kStart + c;
            if (labelled(c, curT - kStart, kVis, stepK)) {
                Font font = t == curT ? smallBold : small;
                String text = label(dims[2], geo, t);
                double x = ax + (c + 0.5) * cell;
                g.setFont(font);
                g.setFill(t == curT ? p.text() : p.mutedText());
                g.fillText(text, x, ay - headH / 2 - 2);
                if (Double.isNaN(firstA)) {
                    firstA = Math.min(ax, x - Fonts.width(text, font) / 2);
                }
            }
        }
        // axis names in the corners before the column labels, as in the column matrix: after C's last column
        // the side panel would cover them
        g.setFont(smallBold);
        g.setFill(p.mutedText());
        g.setTextAlign(TextAlignment.RIGHT);
        firstA = Double.isNaN(firstA) ? ax : firstA;
        firstB = Double.isNaN(firstB) ? bx : firstB;
        g.fillText(axes(dims[0]) + " ↓", firstA - 6, ay - headH / 2 - 2);
        String across = axes(dims[1]) + " →";
        g.fillText(across, firstB - 6, biasY - headH / 2);
        columnHeaderTexts.add(new HeaderText(across, smallBold, firstB - 6, biasY - headH, true));
        g.setTextAlign(TextAlignment.LEFT);
        String name = pr.name().toLowerCase(java.util.Locale.ROOT);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(p.text());
        Fonts.fillText(g, i18n.get("gemm.b." + name, k, n), FontWeight.BOLD, 15, bx, biasY - headH,
                Math.max(40, right - bx));
        Fonts.fillText(g, i18n.get("gemm.a." + name, m, k), FontWeight.BOLD, 15, ax - rowHeaderW + 4, ay - headH - 4,
                Math.max(40, bx - ax + rowHeaderW - 12));
        Fonts.fillText(g, i18n.get("gemm.c." + name, m, n), FontWeight.BOLD, 15, bx, ay - headH - 4,
                Math.max(40, right - bx));
        g.setFill(p.mutedText());
        g.setTextBaseline(VPos.TOP);
        if (mVis < m) {
            Fonts.fillText(g, i18n.get("gemm.window", mStart, mStart + mVis - 1, m), FontWeight.NORMAL, 12,
                    ax - rowHeaderW + 4, ay + mVis * cell + 4, Math.max(40, right - ax + rowHeaderW));
        }
        if (kVis < k || nVis < n) {
            String cols = i18n.get("gemm.window.cols", kStart, kStart + kVis - 1, k, nStart, nStart + nVis - 1, n);
            Fonts.fillText(g, cols, FontWeight.NORMAL, 12, ax - rowHeaderW + 4, ay + mVis * cell + 22,
                    Math.max(40, right - ax + rowHeaderW));
        }
    }

    /**
     * Whether slot {@code c} of a header that labels every {@code every}-th of its {@code shown} slots gets
     * its label: the current slot always does, and the regular labels next to it give way so that the two do
     * not overlap. A current slot outside the shown ones is no current slot here.
     */
    private static boolean labelled(int c, int current, int shown, int every) {
        if (current < 0 || current >= shown) {
            return c % every == 0;
        }
        return c == current || (c % every == 0 && Math.abs(c - current) >= every);
    }

    /** C reshaped, or for the column gradient the gx that col2im makes of it. */
    private void side(GraphicsContext g, Palette p, BackwardFrame f, Product pr, Product.Step step,
                      double x0, double y0, double w, double h) {
        Geometry geo = f.geometry();
        g.setFill(p.headerBackground());
        g.fillRect(x0 - 8, y0 - 8, w + 16, h + 16);
        g.setFill(p.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        String key = "gemm.side." + pr.name().toLowerCase(java.util.Locale.ROOT);
        int oc = f.outChannels();
        Object[] shape = switch (pr) {
            case FORWARD -> new Object[] {geo.n(), oc, geo.oh(), geo.ow()};
            case COLUMN_GRADIENT -> new Object[] {geo.n(), geo.c(), geo.h(), geo.w()};
            case WEIGHT_GRADIENT -> new Object[] {oc, geo.c(), geo.kh(), geo.kw()};
        };
        // wrapped rather than narrowed: the side panel is narrow on a projector, and Korean titles are long
        double titleH = Fonts.fillWrapped(g, i18n.get(key, shape), FontWeight.BOLD, 14, x0, y0, w) + 8;
        switch (pr) {
            case FORWARD -> {
                int[] cur = step == null ? null : new int[] {step.i() / (geo.oh() * geo.ow()), step.j(),
                        step.i() % (geo.oh() * geo.ow()) / geo.ow(), step.i() % geo.ow()};
                planes(g, p, x0, y0 + titleH, w, h - titleH, geo.n(), oc, geo.oh(), geo.ow(), "n", "oc", 1,
                        (a, b, y, x) -> backward.productValue((a * geo.oh() + y) * geo.ow() + x, b), cur, scale[2]);
            }
            case COLUMN_GRADIENT -> {
                double[] gx = f.gradients().input();
                int[] cur = null;
                if (step != null) {
                    ColumnElement e = ColumnElement.of(geo, step.i(), step.j());
                    cur = e.padding(geo) ? null : new int[] {e.n(), e.c(), e.iy(), e.ix()};
                }
                double gxMax = 1e-12;
                for (double v : gx) {
                    gxMax = Math.max(gxMax, Math.abs(v));
                }
                planes(g, p, x0, y0 + titleH, w, h - titleH, geo.n(), geo.c(), geo.h(), geo.w(), "n", "c", 0,
                        (a, b, y, x) -> gx[((a * geo.c() + b) * geo.h() + y) * geo.w() + x], cur, gxMax);
            }
            case WEIGHT_GRADIENT -> {
                int kk = geo.kh() * geo.kw();
                int[] cur = step == null ? null : new int[] {step.i(), step.j() / kk, step.j() % kk / geo.kw(),
                        step.j() % geo.kw()};
                double used = planes(g, p, x0, y0 + titleH, w, h - titleH - 54, oc, geo.c(), geo.kh(), geo.kw(), "oc", "c", 2,
                        (a, b, y, x) -> backward.productValue(a, (b * geo.kh() + y) * geo.kw() + x), cur, scale[2]);
                g.setFont(Font.font("System", FontWeight.BOLD, 13));
                g.setFill(p.text());
                g.setTextBaseline(VPos.TOP);
                g.setTextAlign(TextAlignment.LEFT); // the planes' labels leave it centred
                StringBuilder gb = new StringBuilder("gb = Σ gy = [");
                for (int i = 0; i < oc; i++) {
                    gb.append(i > 0 ? ", " : "").append(CellFormat.compact(f.gradients().bias()[i]));
                }
                g.fillText(gb.append(']').toString(), x0, y0 + titleH + used + 10, w);
            }
        }
    }

    private interface PlaneValue {
        double at(int a, int b, int y, int x);
    }

    /**
     * Where {@link #planes} last drew the side panel's planes, for pointing at them: plane (a, b) of a
     * rows × cols grid is the (a·cols + b)-th, in slot (k / across, k % across), each slot slotW wide.
     */
    record SidePlanes(double x0, double y0, double s, double gap, double labelH, int rows, int cols,
                      int ph, int pw, int across, double slotW) {

        /** (plane row, plane column, y, x) under canvas point (x, y), or null. */
        int[] at(double x, double y) {
            int sx = (int) Math.floor((x - x0) / (slotW + gap));
            int sy = (int) Math.floor((y - y0) / (labelH + ph * s + gap));
            int k = sy * across + sx;
            if (sx < 0 || sx >= across || sy < 0 || k >= rows * cols) {
                return null;
            }
            double px = x - x0 - sx * (slotW + gap);
            double py = y - y0 - sy * (labelH + ph * s + gap) - labelH;
            if (px < 0 || py < 0 || px >= pw * s || py >= ph * s) {
                return null;
            }
            return new int[] {k / cols, k % cols, (int) (py / s), (int) (px / s)};
        }

        /** Canvas position of the top left corner of plane (a, b)'s cells. */
        double[] origin(int a, int b) {
            int k = a * cols + b;
            return new double[] {x0 + k % across * (slotW + gap), y0 + k / across * (labelH + ph * s + gap) + labelH};
        }
    }

    private SidePlanes sidePlanes;

    @Override
    void clearPointer() {
        hover.set(null);
    }

    /** Canvas centre of cell (y, x) of side plane (a, b) as last drawn. */
    double[] sideCellCentre(int a, int b, int y, int x) {
        SidePlanes sp = sidePlanes;
        double[] o = sp.origin(a, b);
        return new double[] {o[0] + (x + 0.5) * sp.s(), o[1] + (y + 0.5) * sp.s()};
    }

    /** Where the side panel's planes were last drawn, or null. */
    SidePlanes sidePlanes() {
        return sidePlanes;
    }

    /**
     * The product element that the side panel's cell under (x, y) shows, {i, j}, or null: y reshaped holds the
     * forward product's outputs and gW reshaped the weight gradient's; gx is col2im's, no element of a product.
     */
    int[] sideElementAt(double x, double y) {
        BackwardFrame f = backward.frame();
        int[] at = sidePlanes == null || f == null ? null : sidePlanes.at(x, y);
        if (at == null) {
            return null;
        }
        Geometry g = f.geometry();
        return switch (backward.product()) {
            case FORWARD -> new int[] {(at[0] * g.oh() + at[2]) * g.ow() + at[3], at[1]};
            case WEIGHT_GRADIENT -> new int[] {at[0], (at[1] * g.kh() + at[2]) * g.kw() + at[3]};
            case COLUMN_GRADIENT -> null;
        };
    }

    /** A grid of small planes; returns the height used. NaN values are drawn empty. */
    private double planes(GraphicsContext g, Palette p, double x0, double y0, double w, double h, int rowsOfPlanes,
                          int colsOfPlanes, int ph, int pw, String rowName, String colName, int hue, PlaneValue v,
                          int[] cur, double max) {
        double gap = 18;
        double labelH = 16;
        Font labelFont = Font.font("System", FontWeight.BOLD, 12);
        double labelW = Fonts.width(rowName + (rowsOfPlanes - 1) + " · " + colName + (colsOfPlanes - 1), labelFont);
        // the planes in the number of columns that gives the largest cells and leaves each label its room: four
        // output channels in the narrow panel at 1024 × 768 stack instead of shrinking to 6 px under labels that
        // run into each other
        int total = rowsOfPlanes * colsOfPlanes;
        int across = colsOfPlanes;
        double best = -1;
        for (int n = 1; n <= total; n++) {
            int down = (total + n - 1) / n;
            double fits = Math.min(44, Math.min((w - (n - 1) * gap) / (n * pw),
                    (h - down * labelH - (down - 1) * gap) / (down * ph)));
            boolean labelsFit = n == 1 || n * labelW + (n - 1) * gap <= w;
            // ties (both at the largest cell) keep the (row, column) grid the planes are named by
            if (labelsFit && (fits > best + 1e-9 || Math.abs(fits - best) <= 1e-9 && n == colsOfPlanes)) {
                best = fits;
                across = n;
            }
        }
        double s = Math.max(1, Math.floor(best));
        double slotW = Math.max(pw * s, labelW);
        sidePlanes = new SidePlanes(x0, y0, s, gap, labelH, rowsOfPlanes, colsOfPlanes, ph, pw, across, slotW);
        Font font = Font.font("System", FontWeight.NORMAL, clamp(s * 0.36, 8, 15));
        int down = (total + across - 1) / across;
        for (int a = 0; a < rowsOfPlanes; a++) {
            for (int b = 0; b < colsOfPlanes; b++) {
                double[] o = sidePlanes.origin(a, b);
                double px = o[0];
                double py = o[1];
                g.setFont(labelFont);
                g.setFill(p.mutedText());
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.BOTTOM);
                g.fillText(rowName + a + " · " + colName + b, px, py - 2);
                if (s < 8) { // cells of a few pixels: one image per plane instead of thousands of rectangles
                    // one image per plane: the canvas reads an image when it renders, after this loop has gone on
                    int key = a * colsOfPlanes + b;
                    WritableImage image = planeImages.get(key);
                    if (image == null || image.getWidth() != pw || image.getHeight() != ph) {
                        image = new WritableImage(pw, ph);
                        planeImages.put(key, image);
                    }
                    javafx.scene.image.PixelWriter out = image.getPixelWriter();
                    for (int y = 0; y < ph; y++) {
                        for (int x = 0; x < pw; x++) {
                            double val = v.at(a, b, y, x);
                            boolean isCur = cur != null && cur[0] == a && cur[1] == b && cur[2] == y && cur[3] == x;
                            out.setColor(x, y, isCur ? p.current()
                                    : Double.isNaN(val) ? p.empty() : Paint2D.valueFill(p, hue, val, max));
                        }
                    }
                    g.setImageSmoothing(false);
                    g.drawImage(image, px, py, pw * s, ph * s);
                    continue;
                }
                for (int y = 0; y < ph; y++) {
                    for (int x = 0; x < pw; x++) {
                        double val = v.at(a, b, y, x);
                        double cx = px + x * s;
                        double cy = py + y * s;
                        boolean isCur = cur != null && cur[0] == a && cur[1] == b && cur[2] == y && cur[3] == x;
                        Color fill = Double.isNaN(val) ? p.empty() : Paint2D.valueFill(p, hue, val, max);
                        g.setFill(isCur ? p.current() : fill);
                        g.fillRect(cx, cy, s, s);
                        if (s >= 18 && !Double.isNaN(val)) {
                            CellText.of(val, font, s).draw(g, isCur ? Color.web("#111418") : p.textOn(fill),
                                    cx + s / 2, cy + s / 2);
                        }
                    }
                }
                if (s >= 5) {
                    g.setFill(p.grid());
                    for (int y = 0; y <= ph; y++) {
                        g.fillRect(px, Math.floor(py + y * s), pw * s, 1);
                    }
                    for (int x = 0; x <= pw; x++) {
                        g.fillRect(Math.floor(px + x * s), py, 1, ph * s);
                    }
                }
            }
        }
        return down * (labelH + ph * s + gap);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
