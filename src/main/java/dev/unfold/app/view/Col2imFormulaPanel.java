package dev.unfold.app.view;

import dev.unfold.app.i18n.BackendText;
import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Col2imReplay;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.PixelVisits;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The numbers behind the col2im view: the move just done and the running sum it made, the line of the seed's
 * col2im that does it (its CPU loop or its GPU kernel, with the thread's arithmetic and every (ky, kx) the
 * kernel tries for the pixel, skipped ones included), how many windows cover a pixel and why dividing by 4 is
 * wrong in general, what the pointer is on, and which backend computed it all.
 */
public final class Col2imFormulaPanel extends VBox {

    private static final int VISIT_LINES = 14;

    private final MainModel model;
    private final BackwardModel backward;
    private final I18n i18n;
    private final Label stepTitle = section(null);
    private final Label moveText = text("col2im-move");
    private final VBox code = block("col2im-code");
    private final Label where = text("col2im-where");
    private final VBox thread = block("col2im-thread");
    private final VBox visits = block("col2im-visits");
    private final Label countText = text("col2im-count");
    private final Label byFour = text("col2im-byfour");
    private final Label pointer = text("col2im-pointer");
    private final Label backend = text("col2im-backend");
    private List<String> shownCode;
    private final Throttle stepUpdates = new Throttle(66, this::updateStep);

    public Col2imFormulaPanel(MainModel model, BackwardModel backward, I18n i18n) {
        super(8);
        this.model = model;
        this.backward = backward;
        this.i18n = i18n;
        getStyleClass().add("formula-panel");
        setId("col2im-formula");
        setPadding(new Insets(14, 16, 14, 16));
        stepTitle.setId("col2im-step");
        stepTitle.setWrapText(true);
        code.getStyleClass().add("seed-code");
        thread.getStyleClass().add("seed-code");
        visits.getStyleClass().addAll("seed-code", "translated");
        // the pixel's visits first: with the kernel's nineteen lines they would fall below the fold
        getChildren().addAll(stepTitle, moveText, visits, code, where, thread,
                section("col2im.overlap"), countText, byFour,
                section("formula.pointer"), pointer, backend);
        // while another view is shown, the transport's position is that view's: nothing here follows it
        backward.frameProperty().addListener(o -> updateAll());
        backward.computeErrorProperty().addListener(o -> updateAll());
        model.viewProperty().addListener(o -> updateAll());
        model.positionProperty().addListener(o -> {
            if (!shown()) {
                return;
            }
            if (model.playingProperty().get()) {
                stepUpdates.request();
            } else {
                updateStep();
            }
        });
        model.playingProperty().addListener(o -> updateAll());
        model.highlightProperty().addListener(o -> {
            if (shown()) {
                updatePointer();
                updateOverlap();
            }
        });
        model.pinnedProperty().addListener(o -> updateAll());
        i18n.localeProperty().addListener(o -> updateAll());
        updateAll();
    }

    private boolean shown() {
        return model.view() == ViewKind.COL2IM;
    }

    /** True when the highlight names a position of this frame's geometry (it follows the main frame, which may be newer). */
    private static boolean fits(Geometry g, Highlight hl) {
        if (hl.focus() instanceof Focus.Column col && (col.row() >= g.patchCount() || col.tap() >= g.patchSize())) {
            return false;
        }
        return hl.n() < g.n() && hl.c() < g.c() && hl.y() >= -g.ph() && hl.y() < g.h() + g.ph()
                && hl.x() >= -g.pw() && hl.x() < g.w() + g.pw();
    }

    private void updateAll() {
        if (!shown()) {
            return;
        }
        updateStep();
        updatePointer();
        updateBackend();
    }

    private Label section(String key) {
        Label l = new Label();
        if (key != null) {
            l.textProperty().bind(i18n.text(key));
        }
        l.getStyleClass().add("section-title");
        l.setWrapText(true); // "Step 30 of 100 — by patch" on a narrow panel: a second line, not an ellipsis
        return l;
    }

    private static Label text(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("formula-text");
        return l;
    }

    private static VBox block(String id) {
        VBox b = new VBox(1);
        b.setId(id);
        b.getStyleClass().add("code-block");
        return b;
    }

    private static void show(VBox box, boolean on) {
        box.setVisible(on);
        box.setManaged(on);
    }

    /** Replaces the lines of a code block, marking one as active; labels are reused where they exist. */
    private static void lines(VBox box, List<String> texts, int active, String activeId, List<String> styles) {
        while (box.getChildren().size() > texts.size()) {
            box.getChildren().remove(box.getChildren().size() - 1);
        }
        while (box.getChildren().size() < texts.size()) {
            Label l = new Label();
            l.setWrapText(true);
            l.getStyleClass().add("code-line");
            box.getChildren().add(l);
        }
        for (int i = 0; i < texts.size(); i++) {
            Label l = (Label) box.getChildren().get(i);
            l.setText(texts.get(i));
            l.getStyleClass().removeAll("active", "padding", "inside");
            if (i == active) {
                l.getStyleClass().add("active");
            } else if (styles != null && styles.get(i) != null) {
                l.getStyleClass().add(styles.get(i));
            }
            l.setId(i == active ? activeId : null);
        }
    }

    private void updateStep() {
        BackwardFrame f = backward.frame();
        // no frame came, or the one there is for earlier settings: say why, not "Computing…" or the old steps
        String error = backward.computeErrorProperty().get();
        if (f == null || error != null) {
            stepTitle.setText(i18n.get("col2im.title"));
            moveText.setText(error != null ? i18n.get("status.error", ErrorText.compute(error, i18n))
                    : i18n.get("col2im.computing"));
            show(thread, false);
            show(visits, false);
            return;
        }
        Geometry g = f.geometry();
        TraceOrder order = f.order();
        long pos = Math.min(model.position(), f.col2imLength());
        stepTitle.setText(i18n.get("col2im.step", i18n.number(pos, 0), i18n.number(f.col2imLength(), 0),
                i18n.get("col2im.order." + order.label())));
        List<String> src = order != TraceOrder.COL2IM_BY_TAP ? SeedCol2im.BY_PIXEL
                : FormulaPanel.dilated(g) ? SeedCol2im.BY_TAP_DILATED : SeedCol2im.BY_TAP;
        Move m = backward.col2imMove();
        int active = -1;
        boolean pixel = order == TraceOrder.COL2IM_BY_PIXEL && m != null;
        if (m == null) {
            moveText.setText(i18n.get("col2im.move.none"));
            where.setText("");
        } else {
            Col2imReplay r = backward.col2imState();
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            double v = f.gradColumn()[m.column()];
            int plane = e.n() * g.c() + e.c();
            String cell = ColumnGrid.of(g, f.layout()).name(i18n, "gcol", m.row(), m.tap());
            if (m.padding()) {
                moveText.setText(i18n.get("col2im.move.padding", cell, CellFormat.compact(v), e.iy(), e.ix()));
            } else {
                moveText.setText(i18n.get("col2im.move", e.n(), e.c(), e.iy(), e.ix(), cell, CellFormat.compact(v),
                        CellFormat.compact(r.sum(plane, e.iy(), e.ix())), r.count(plane, e.iy(), e.ix()),
                        f.windowCount(e.iy(), e.ix())));
            }
            if (order == TraceOrder.COL2IM_BY_TAP) {
                active = SeedCol2im.TAP_ADD_LINE;
                int j = e.ky() * g.dh();
                int i = e.kx() * g.dw();
                where.setText((FormulaPanel.dilated(g)
                        ? i18n.get("col2im.tap.where.dilated", e.ky(), e.kx(), g.dh(), g.dw(), j, i, g.sh(), g.oh(),
                                j + g.sh() * g.oh(), g.sw(), g.ow(), i + g.sw() * g.ow())
                        : i18n.get("col2im.tap.where", j, i, g.sh(), g.oh(), j + g.sh() * g.oh(), g.sw(), g.ow(),
                                i + g.sw() * g.ow(), e.ky(), e.kx()))
                        + (m.padding() ? "\n" + i18n.get("col2im.tap.cropped", g.ph(), g.h() + g.ph(), g.pw(),
                        g.w() + g.pw()) : ""));
            } else {
                active = SeedCol2im.PIXEL_ADD_LINE;
                where.setText(i18n.get("col2im.pixel.where", m.thread(), CellFormat.compact(r.sum(plane, e.iy(), e.ix()))));
                decompose(g, m, e, f);
                listVisits(g, e);
            }
        }
        show(thread, pixel);
        show(visits, pixel);
        if (src != shownCode) {
            shownCode = src;
            lines(code, src, -1, null, null);
        }
        lines(code, src, active, "col2im-code-active", null);
        updateOverlap();
        updatePointer();
    }

    /** The seed's thread arithmetic with this thread's numbers; every result is the core's decoding. */
    private void decompose(Geometry g, Move m, ColumnElement e, BackwardFrame f) {
        long i = m.thread();
        int c0 = e.n() * g.c() + e.c();
        int k = e.oy() + g.oh() * (e.kx() + g.kw() * (e.ky() + g.kh() * c0));
        long idx = e.tensorIndex(g);
        List<String> rows = List.of(
                "i = " + i,
                "c0 = i / (h·w) = " + i + " / " + g.h() * g.w() + " = " + c0
                        + (g.n() > 1 || g.c() > 1 ? "   (n=" + e.n() + ", c=" + e.c() + ")" : ""),
                "y = i / w % h = " + i + " / " + g.w() + " % " + g.h() + " = " + e.iy(),
                "x = i % w = " + i + " % " + g.w() + " = " + e.ix(),
                "k = out_y + out_h·(kx + kw·(ky + kh·c0)) = " + e.oy() + " + " + g.oh() + "·(" + e.kx() + " + "
                        + g.kw() + "·(" + e.ky() + " + " + g.kh() + "·" + c0 + ")) = " + k,
                "col[out_x + out_w·k] = col[" + e.ox() + " + " + g.ow() + "·" + k + "] = col[" + idx + "] = "
                        + CellFormat.compact(f.gradColumn()[m.column()]));
        lines(thread, rows, -1, null, null);
    }

    /** Every (ky, kx) the kernel tries for this pixel, the current one marked, around it when there are many. */
    private void listVisits(Geometry g, ColumnElement e) {
        PixelVisits pv = PixelVisits.of(g, e.iy(), e.ix());
        int current = pv.indexOf(e.ky(), e.kx());
        int from = Math.max(0, Math.min(current - VISIT_LINES / 2, pv.visits().size() - VISIT_LINES));
        int to = Math.min(pv.visits().size(), from + VISIT_LINES);
        List<String> texts = new ArrayList<>();
        List<String> styles = new ArrayList<>();
        texts.add(i18n.get("col2im.visits.title", e.iy(), e.ix(), pv.visits().size(), pv.reached()));
        styles.add(null);
        if (from > 0) {
            texts.add("…");
            styles.add("padding");
        }
        int active = -1;
        for (int i = from; i < to; i++) {
            PixelVisits.Visit v = pv.visits().get(i);
            if (i == current) {
                active = texts.size();
            }
            texts.add(visitText(g, e, v));
            styles.add(v.reaches() ? (i < current ? null : "inside") : "padding");
        }
        if (to < pv.visits().size()) {
            texts.add("…");
            styles.add("padding");
        }
        lines(visits, texts, active, "col2im-visit-active", styles);
    }

    private String visitText(Geometry g, ColumnElement e, PixelVisits.Visit v) {
        String y = i18n.get("col2im.visit.offset", "out_y", e.iy(), g.ph(), v.ky(), g.dh(), v.offY());
        if (v.kx() < 0) {
            return i18n.get("col2im.visit.skip", "ky=" + v.ky(), y, skip(v.skipY(), v.offY(), g.oh(), g.sh()));
        }
        String x = i18n.get("col2im.visit.offset", "out_x", e.ix(), g.pw(), v.kx(), g.dw(), v.offX());
        String at = "ky=" + v.ky() + ", kx=" + v.kx();
        if (!v.reaches()) {
            return i18n.get("col2im.visit.skip", at, x, skip(v.skipX(), v.offX(), g.ow(), g.sw()));
        }
        return i18n.get("col2im.visit.reach", at, v.offY(), g.sh(), v.oy(), v.offX(), g.sw(), v.ox());
    }

    private String skip(PixelVisits.Skip s, int off, int out, int stride) {
        return s == PixelVisits.Skip.RANGE ? i18n.get("col2im.skip.range", off, out * stride)
                : i18n.get("col2im.skip.stride", off, stride);
    }

    private void updateOverlap() {
        BackwardFrame f = backward.frame();
        if (f == null) {
            countText.setText("");
            byFour.setText("");
            return;
        }
        Geometry g = f.geometry();
        int y = -1;
        int x = -1;
        Highlight hl = model.highlight();
        Move m = backward.col2imMove();
        if (hl != null && !hl.padding() && fits(g, hl)) {
            y = hl.y();
            x = hl.x();
        } else if (m != null && !m.padding()) {
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            y = e.iy();
            x = e.ix();
        }
        if (y >= 0 && y < g.h() && x >= 0 && x < g.w()) {
            int cy = g.yAxis().windowCount(y);
            int cx = g.xAxis().windowCount(x);
            countText.setText(i18n.get("col2im.count", y, x, cy, cx, f.windowCount(y, x)));
        } else {
            countText.setText(i18n.get("col2im.count.none"));
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        int four = 0;
        int zero = 0;
        for (int c : f.windowCount()) {
            min = Math.min(min, c);
            max = Math.max(max, c);
            four += c == 4 ? 1 : 0;
            zero += c == 0 ? 1 : 0;
        }
        int total = f.windowCount().length;
        String text = min == max
                ? i18n.get("col2im.byfour.uniform", SeedCol2im.DIVIDE_BY_FOUR, min, SeedCol2im.DIVIDE_BY_COUNT)
                : i18n.get("col2im.byfour", SeedCol2im.DIVIDE_BY_FOUR, four, total, min, max,
                SeedCol2im.DIVIDE_BY_COUNT);
        if (zero > 0) {
            text += "\n" + i18n.get("col2im.lost", zero);
        }
        byFour.setText(text);
    }

    private void updatePointer() {
        BackwardFrame f = backward.frame();
        Highlight hl = model.highlight();
        String text;
        if (f == null || hl == null || !fits(f.geometry(), hl)) {
            text = i18n.get("col2im.pointer.none");
        } else {
            Geometry g = f.geometry();
            Col2imReplay r = backward.col2imState();
            int plane = hl.n() * g.c() + hl.c();
            boolean inside = !hl.padding();
            if (hl.focus() instanceof Focus.Column col) {
                int step = f.stepOfCell()[col.row() * g.patchSize() + col.tap()];
                double v = f.grad(col.row(), col.tap());
                String when = step < 0 ? i18n.get("col2im.pointer.never")
                        : step < model.position() ? i18n.get("col2im.pointer.added", step + 1)
                        : i18n.get("col2im.pointer.later", step + 1);
                String cell = ColumnGrid.of(g, f.layout()).name(i18n, "gcol", col.row(), col.tap());
                text = (inside ? i18n.get("col2im.pointer.column", cell, CellFormat.compact(v), hl.n(), hl.c(), hl.y(),
                        hl.x()) : i18n.get("col2im.pointer.column.padding", cell, CellFormat.compact(v), hl.y(), hl.x()))
                        + " " + when;
            } else if (inside) {
                int k = r.count(plane, hl.y(), hl.x());
                text = i18n.get("col2im.pointer.input", hl.n(), hl.c(), hl.y(), hl.x(),
                        k == 0 ? "0" : CellFormat.compact(r.sum(plane, hl.y(), hl.x())), k,
                        f.windowCount(hl.y(), hl.x()));
            } else {
                int k = r.count(plane, hl.y(), hl.x());
                text = i18n.get("col2im.pointer.padding", hl.y(), hl.x(), k);
            }
            if (model.pinnedProperty().get()) {
                text += "\n" + i18n.get("formula.pointer.pinned");
            }
        }
        pointer.setText(text);
    }

    private void updateBackend() {
        BackwardFrame f = backward.frame();
        if (f == null) {
            backend.setText("");
            return;
        }
        backend.setText(i18n.get("backward.computed", BackendText.describe(f.backend(), f.cudaUnavailable(), i18n),
                i18n.number(f.computeNanos() / 1e6, 2)));
    }
}
