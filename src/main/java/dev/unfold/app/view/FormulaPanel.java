package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.layout.VBox;

/**
 * The numbers behind the picture: OH and OW worked out, the column matrix's shape, bytes and blow-up, the
 * seed's line of code the current step executes (with the thread index decomposed in thread order), and
 * what the pointer is on.
 */
public final class FormulaPanel extends VBox {

    /** The formulas' size in presentation type (unfold.css, {@code .presentation .mono}). */
    static final double PRESENTING_MONO = 19;

    private final MainModel model;
    private final I18n i18n;
    private final Label ohSymbolic;
    private final Label ohWorked = mono("formula-oh");
    private final Label owSymbolic;
    private final Label owWorked = mono("formula-ow");
    private final ReadOnlyDoubleWrapper presentingWidth = new ReadOnlyDoubleWrapper(this, "presentingWidth");
    private final Label shape = text("formula-shape");
    private final Label bytes = text("formula-bytes");
    private final Label blowUp = text("formula-blowup");
    private final Label stepTitle = section(null);
    private final Label moveText = text("formula-move");
    private final VBox code = new VBox(1);
    private final Label where = text("formula-where");
    private final VBox decomposition = new VBox(1);
    private final Label pointer = text("formula-pointer");
    private List<String> shownCode;
    private final Throttle stepUpdates = new Throttle(66, this::updateStep);

    public FormulaPanel(MainModel model, I18n i18n) {
        super(8);
        this.model = model;
        this.i18n = i18n;
        ohSymbolic = monoKey("formula.oh.symbolic");
        owSymbolic = monoKey("formula.ow.symbolic");
        getStyleClass().add("formula-panel");
        setPadding(new Insets(14, 16, 14, 16));
        code.getStyleClass().add("code-block");
        code.setId("formula-code");
        decomposition.getStyleClass().add("code-block");
        decomposition.setId("formula-decomposition");
        stepTitle.setId("formula-step");
        getChildren().addAll(
                section("formula.output"), ohSymbolic, ohWorked, owSymbolic, owWorked,
                section("formula.column"), shape, bytes, blowUp,
                stepTitle, moveText, code, where, decomposition,
                section("formula.pointer"), pointer);

        model.paramsProperty().addListener(o -> updateSizes());
        model.frameProperty().addListener(o -> {
            updateSizes();
            updateStep();
            updatePointer(); // a new layout names the pointed cell anew
        });
        model.layoutProperty().addListener(o -> updateSizes());
        model.currentMoveProperty().addListener(o -> {
            if (model.playingProperty().get()) {
                stepUpdates.request();
            } else {
                updateStep();
            }
        });
        model.playingProperty().addListener(o -> updateStep());
        model.highlightProperty().addListener(o -> updatePointer());
        model.pinnedProperty().addListener(o -> updatePointer());
        i18n.localeProperty().addListener(o -> {
            updateSizes();
            updateStep();
            updatePointer();
        });
        updateSizes();
        updateStep();
        updatePointer();
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

    private static Label mono(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("mono");
        return l;
    }

    private Label monoKey(String key) {
        Label l = mono(null);
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("muted");
        return l;
    }

    private void updateSizes() {
        Frame f = model.frame();
        if (f == null) {
            return;
        }
        Geometry g = f.geometry();
        ohWorked.setText(i18n.get("formula.worked", g.h(), g.ph(), g.dh(), g.kh(), g.sh(), g.oh()));
        owWorked.setText(i18n.get("formula.worked", g.w(), g.pw(), g.dw(), g.kw(), g.sw(), g.ow()));
        Layout layout = f.layout();
        String dims = Arrays.stream(layout.shape(g)).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        shape.setText(i18n.get("formula.shape." + layout.label(), dims));
        long elements = g.columnSize();
        bytes.setText(i18n.get("formula.bytes", i18n.number(elements, 0), Bytes.human(elements * 4L),
                Bytes.human(elements * 8L)));
        blowUp.setText(i18n.get("formula.blowup", i18n.number(elements, 0), i18n.number(g.inputSize(), 0),
                i18n.ratio(g.blowUp())));
        double most = 0;
        Font mono = presentingMono();
        for (Label l : List.of(ohSymbolic, ohWorked, owSymbolic, owWorked)) {
            most = Math.max(most, twoLines(l.getText(), mono));
        }
        presentingWidth.set(Math.ceil(most) + 1 + getInsets().getLeft() + getInsets().getRight());
    }

    /**
     * The width this panel needs in presentation type for OH and OW, symbolic and worked out, to take two lines
     * each: a narrow window's formula panel widens to it where the views can spare the room, rather than break
     * the formulas over three lines.
     */
    public ReadOnlyDoubleProperty presentingWidthProperty() {
        return presentingWidth.getReadOnlyProperty();
    }

    /**
     * The formulas' font in presentation type, as unfold.css sets {@code .mono}: this panel may be out of the
     * scene, unstyled. (Font.getFamilies() would tell whether DejaVu Sans Mono is there, but it answers once and
     * for all, and would then miss the Korean font loaded later.)
     */
    private static Font presentingMono() {
        Font dejaVu = Font.font("DejaVu Sans Mono", PRESENTING_MONO);
        return dejaVu.getFamily().equals("DejaVu Sans Mono") ? dejaVu : Font.font("Monospaced", PRESENTING_MONO);
    }

    /** The least width that sets {@code text} in two lines broken at a space. */
    private static double twoLines(String text, Font font) {
        double best = width(text, font);
        for (int i = text.indexOf(' ', text.length() - text.stripLeading().length()); i > 0;
             i = text.indexOf(' ', i + 1)) {
            best = Math.min(best, Math.max(width(text.substring(0, i).stripTrailing(), font),
                    width(text.substring(i + 1).strip(), font)));
        }
        return best;
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private void updateStep() {
        Frame f = model.frame();
        if (f == null) {
            return;
        }
        TraceOrder order = f.order();
        stepTitle.setText(i18n.get("formula.step", i18n.number(model.position(), 0), i18n.number(f.length(), 0),
                i18n.get("order." + order.label())));
        Move m = model.currentMove();
        Geometry g = f.geometry();
        List<String> lines = switch (order) {
            case IM2COL_BY_TAP -> dilated(g) ? SeedCode.BY_TAP_DILATED : SeedCode.BY_TAP;
            case IM2COL_BY_THREAD -> SeedCode.BY_THREAD;
            default -> SeedCode.BY_PATCH;
        };
        int active = -1;
        if (m == null) {
            moveText.setText(i18n.get("formula.step.none"));
            where.setText("");
        } else {
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            double v = f.value(m.row(), m.tap());
            String cell = ColumnGrid.of(g, f.layout()).name(i18n, "col", m.row(), m.tap());
            moveText.setText(m.padding()
                    ? i18n.get("formula.move.padding", cell, e.iy(), e.ix())
                    : i18n.get("formula.move", cell, e.n(), e.c(), e.iy(), e.ix(), CellFormat.compact(v)));
            switch (order) {
                case IM2COL_BY_TAP -> {
                    active = SeedCode.TAP_ASSIGN_LINE;
                    int j = e.ky() * g.dh();
                    int i = e.kx() * g.dw();
                    where.setText(dilated(g)
                            ? i18n.get("formula.tap.where.dilated", e.ky(), e.kx(), g.dh(), g.dw(), j, i, g.sh(),
                                    g.oh(), j + g.sh() * g.oh(), g.sw(), g.ow(), i + g.sw() * g.ow())
                            : i18n.get("formula.tap.where", j, i, g.sh(), g.oh(), j + g.sh() * g.oh(),
                                    g.sw(), g.ow(), i + g.sw() * g.ow(), e.n(), e.c(), e.ky(), e.kx()));
                }
                case IM2COL_BY_THREAD -> {
                    active = m.padding() ? SeedCode.THREAD_ZERO_LINE : SeedCode.THREAD_READ_LINE;
                    where.setText(i18n.get(m.padding() ? "formula.thread.padding" : "formula.thread.inside",
                            m.thread(), m.padding() ? 0 : m.input(), CellFormat.compact(v)));
                    decompose(g, m, e);
                }
                default -> {
                    active = 0;
                    // in the tap-major layouts a window is no row of the grid: its taps go one to each slab
                    String key = f.layout().patchMajor() ? "formula.patch.where" : "formula.patch.where.slabs";
                    where.setText(i18n.get(key, m.row(), e.n(), e.oy(), e.ox(), e.oy() * g.sh() - g.ph(),
                            e.ox() * g.sw() - g.pw(), g.patchSize()));
                }
            }
        }
        boolean thread = order == TraceOrder.IM2COL_BY_THREAD && m != null;
        decomposition.setVisible(thread);
        decomposition.setManaged(thread);
        if (lines != shownCode) { // rebuilt only when the order changes: new labels each frame cost CSS passes
            shownCode = lines;
            code.getChildren().clear();
            for (String line : lines) {
                Label l = new Label(line);
                l.setWrapText(true);
                l.getStyleClass().add("code-line");
                code.getChildren().add(l);
            }
        }
        for (int i = 0; i < code.getChildren().size(); i++) {
            Label l = (Label) code.getChildren().get(i);
            boolean on = i == active;
            if (on != l.getStyleClass().contains("active")) {
                if (on) {
                    l.getStyleClass().add("active");
                } else {
                    l.getStyleClass().remove("active");
                }
            }
            l.setId(on ? "code-active" : null);
        }
    }

    /** True when the notebook's CPU loop, which has no dilation, would not be the code that runs. */
    static boolean dilated(Geometry g) {
        return g.dh() != 1 || g.dw() != 1;
    }

    /** The seed's thread arithmetic with this thread's numbers; the results are the core's decoding. */
    private void decompose(Geometry g, Move m, ColumnElement e) {
        long i = m.thread();
        int khw = g.kh() * g.kw();
        int ohw = g.oh() * g.ow();
        String[] rows = {
                "i = " + i,
                "c0 = i / (kh·kw·out_h·out_w) = " + i + " / " + (khw * ohw) + " = " + (e.n() * g.c() + e.c())
                        + (g.n() > 1 ? "   (n=" + e.n() + ", c=" + e.c() + ")" : ""),
                "ky = i / (kw·out_h·out_w) % kh = " + i + " / " + (g.kw() * ohw) + " % " + g.kh() + " = " + e.ky(),
                "kx = i / (out_h·out_w) % kw = " + i + " / " + ohw + " % " + g.kw() + " = " + e.kx(),
                "out_y = i / out_w % out_h = " + i + " / " + g.ow() + " % " + g.oh() + " = " + e.oy(),
                "out_x = i % out_w = " + i + " % " + g.ow() + " = " + e.ox(),
                "in_y = ky·dy + out_y·sy − ph = " + e.ky() + "·" + g.dh() + " + " + e.oy() + "·" + g.sh() + " − "
                        + g.ph() + " = " + e.iy(),
                "in_x = kx·dx + out_x·sx − pw = " + e.kx() + "·" + g.dw() + " + " + e.ox() + "·" + g.sw() + " − "
                        + g.pw() + " = " + e.ix(),
        };
        if (decomposition.getChildren().isEmpty()) { // made once, then only relabelled
            for (int k = 0; k <= rows.length; k++) {
                Label l = new Label();
                l.setWrapText(true);
                l.getStyleClass().add("code-line");
                decomposition.getChildren().add(l);
            }
            decomposition.getChildren().get(rows.length).setId("formula-verdict");
            decomposition.getChildren().get(rows.length).getStyleClass().add("translated");
        }
        for (int k = 0; k < rows.length; k++) {
            ((Label) decomposition.getChildren().get(k)).setText(rows[k]);
        }
        Label verdict = (Label) decomposition.getChildren().get(rows.length);
        verdict.setText(i18n.get(m.padding() ? "formula.thread.verdict.padding"
                : "formula.thread.verdict.inside", e.iy(), e.ix(), g.h(), g.w()));
        verdict.getStyleClass().removeAll("padding", "inside");
        verdict.getStyleClass().add(m.padding() ? "padding" : "inside");
    }

    private void updatePointer() {
        Highlight hl = model.highlight();
        String text;
        if (hl == null) {
            text = i18n.get("formula.pointer.none");
        } else if (hl.focus() instanceof Focus.Column col) {
            String cell = cellName(col);
            text = hl.padding()
                    ? i18n.get("formula.pointer.column.padding", cell, hl.y(), hl.x())
                    : i18n.get("formula.pointer.column", cell, hl.n(), hl.c(), hl.y(), hl.x(),
                    CellFormat.compact(hl.value()));
        } else {
            text = hl.padding()
                    ? i18n.get("formula.pointer.input.padding", hl.n(), hl.c(), hl.y(), hl.x(), hl.count())
                    : i18n.get("formula.pointer.input", hl.n(), hl.c(), hl.y(), hl.x(), CellFormat.compact(hl.value()),
                    hl.count());
        }
        if (hl != null && model.pinnedProperty().get()) {
            text += "\n" + i18n.get("formula.pointer.pinned");
        }
        pointer.setText(text);
    }

    /** The column cell as the column view's grid names it, in the frame's layout. */
    private String cellName(Focus.Column col) {
        Frame f = model.frame();
        Geometry g = f == null ? null : f.geometry();
        if (g == null || col.row() >= g.patchCount() || col.tap() >= g.patchSize()) {
            return i18n.get("coords.rows", "col", col.row(), col.tap());
        }
        return ColumnGrid.of(g, f.layout()).name(i18n, "col", col.row(), col.tap());
    }

    /** Human-readable byte counts. */
    static final class Bytes {
        private Bytes() {
        }

        static String human(long b) {
            if (b < 1024) {
                return b + " B";
            }
            String[] units = {"KiB", "MiB", "GiB"};
            double v = b;
            int u = -1;
            while (v >= 1024 && u < units.length - 1) {
                v /= 1024;
                u++;
            }
            return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
        }
    }
}
