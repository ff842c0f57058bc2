package dev.unfold.app.view;

import dev.unfold.app.i18n.BackendText;
import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The numbers behind the GEMM view: every shape of the forward and backward pass (the product being animated
 * marked), the current element written out as its dot product with the term just added, what the pointer is on,
 * and which backend's Conv2d computed it all.
 */
public final class GemmFormulaPanel extends VBox {

    private static final int TERM_LINES = 10;

    private final MainModel model;
    private final BackwardModel backward;
    private final GemmView view;
    private final I18n i18n;
    private final VBox shapes = block("gemm-shapes");
    private final Label stepTitle = section(null);
    private final Label element = text("gemm-element");
    private final VBox terms = block("gemm-terms");
    private final Label sum = text("gemm-sum");
    private final Label pointer = text("gemm-pointer");
    private final Label backend = text("gemm-backend");
    private final Throttle stepUpdates = new Throttle(66, this::updateStep);

    public GemmFormulaPanel(MainModel model, BackwardModel backward, GemmView view, I18n i18n) {
        super(8);
        this.model = model;
        this.backward = backward;
        this.view = view;
        this.i18n = i18n;
        getStyleClass().add("formula-panel");
        setId("gemm-formula");
        setPadding(new Insets(14, 16, 14, 16));
        stepTitle.setId("gemm-step");
        stepTitle.setWrapText(true);
        shapes.getStyleClass().addAll("seed-code", "translated");
        terms.getStyleClass().addAll("seed-code", "translated");
        getChildren().addAll(section("gemm.shapes"), shapes, stepTitle, element, terms, sum,
                section("formula.pointer"), pointer, backend);
        backward.frameProperty().addListener(o -> updateAll());
        backward.computeErrorProperty().addListener(o -> updateAll());
        backward.productProperty().addListener(o -> updateAll());
        model.viewProperty().addListener(o -> updateAll());
        model.positionProperty().addListener(o -> {
            if (model.view() != ViewKind.GEMM) {
                return; // another view's position
            }
            if (model.playingProperty().get()) {
                stepUpdates.request();
            } else {
                updateStep();
            }
        });
        model.playingProperty().addListener(o -> updateAll());
        view.pointedProperty().addListener(o -> updatePointer());
        i18n.localeProperty().addListener(o -> updateAll());
        updateAll();
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

    private static void lines(VBox box, List<String> texts, int active, String activeId) {
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
            boolean on = i == active;
            l.getStyleClass().remove("active");
            if (on) {
                l.getStyleClass().add("active");
            }
            l.setId(on ? activeId : null);
        }
    }

    private void updateAll() {
        if (model.view() != ViewKind.GEMM) {
            return;
        }
        updateShapes();
        updateStep();
        updatePointer();
        BackwardFrame f = backward.frame();
        backend.setText(f == null ? "" : i18n.get("backward.conv",
                BackendText.describe(f.backend(), f.cudaUnavailable(), i18n), i18n.number(f.computeNanos() / 1e6, 2)));
    }

    private void updateShapes() {
        BackwardFrame f = backward.frame();
        if (f == null) {
            lines(shapes, List.of(), -1, null);
            return;
        }
        Geometry g = f.geometry();
        int r = f.rows();
        int k = f.taps();
        int oc = f.outChannels();
        List<String> s = List.of(
                i18n.get("gemm.shape.col", r, k),
                i18n.get("gemm.shape.w", oc, k),
                i18n.get("gemm.shape.y", r, oc, g.n(), g.oh(), g.ow()),
                i18n.get("gemm.shape.gy", g.n(), oc, g.oh(), g.ow(), i18n.get(backward.outputGradientProperty().get()
                        .key())),
                i18n.get("gemm.shape.gw", oc, k),
                i18n.get("gemm.shape.gb", oc),
                i18n.get("gemm.shape.gcol", r, k),
                i18n.get("gemm.shape.gx", g.n(), g.c(), g.h(), g.w()));
        int active = switch (backward.product()) {
            case FORWARD -> 2;
            case WEIGHT_GRADIENT -> 4;
            case COLUMN_GRADIENT -> 6;
        };
        lines(shapes, s, active, "gemm-shape-active");
    }

    private void updateStep() {
        BackwardFrame f = backward.frame();
        // no frame came, or the one there is for earlier settings: say why, not "Computing…" or the old steps
        String error = backward.computeErrorProperty().get();
        if (f == null || error != null) {
            stepTitle.setText(i18n.get("gemm.title"));
            element.setText(error != null ? i18n.get("status.error", ErrorText.compute(error, i18n))
                    : i18n.get("col2im.computing"));
            lines(terms, List.of(), -1, null);
            sum.setText("");
            return;
        }
        Product p = backward.product();
        long len = p.length(f);
        stepTitle.setText(i18n.get("gemm.step", i18n.number(Math.min(model.position(), len), 0),
                i18n.number(len, 0), i18n.get(p.key())));
        Product.Step s = backward.productStep();
        String name = p.name().toLowerCase(Locale.ROOT);
        if (s == null) {
            element.setText(i18n.get("gemm.step.none"));
            lines(terms, List.of(), -1, null);
            sum.setText("");
            return;
        }
        element.setText(i18n.get("gemm.element." + name, s.i(), s.j()));
        int from = Math.max(0, Math.min(s.t() - TERM_LINES / 2, s.k() - TERM_LINES));
        int to = Math.min(s.k(), from + TERM_LINES);
        List<String> t = new ArrayList<>();
        int active = -1;
        if (from > 0) {
            t.add("…");
        }
        for (int i = from; i < to; i++) {
            if (i == s.t()) {
                active = t.size();
            }
            double a = p.a(f, s.i(), i);
            double b = p.b(f, i, s.j());
            t.add(i18n.get("gemm.term", i, CellFormat.precise(a), CellFormat.precise(b), CellFormat.precise(a * b)));
        }
        if (to < s.k()) {
            t.add("…");
        }
        lines(terms, t, active, "gemm-term-active");
        double partial = p.partial(f, s.i(), s.j(), s.t() + 1);
        String text = i18n.get("gemm.sum", s.t() + 1, s.k(), CellFormat.precise(partial));
        if (s.last()) {
            text += "\n" + (p == Product.FORWARD
                    ? i18n.get("gemm.done.bias", s.j(), CellFormat.precise(p.bias(f, s.j())),
                    CellFormat.precise(p.c(f, s.i(), s.j())))
                    : i18n.get("gemm.done", CellFormat.precise(p.c(f, s.i(), s.j()))));
        }
        sum.setText(text);
    }

    private void updatePointer() {
        BackwardFrame f = backward.frame();
        GemmView.Hit h = view.pointedProperty().get();
        if (f == null || h == null) {
            pointer.setText(i18n.get("gemm.pointer.none"));
            return;
        }
        Product p = backward.product();
        String name = p.name().toLowerCase(Locale.ROOT);
        double v = switch (h.role()) {
            case A -> p.a(f, h.r(), h.c());
            case B -> p.b(f, h.r(), h.c());
            case C -> p.c(f, h.r(), h.c());
            case BIAS -> f.bias()[h.c()];
        };
        String key = "gemm.pointer." + h.role().name().toLowerCase(Locale.ROOT) + "." + name;
        if (h.role() == GemmView.Role.BIAS) {
            key = "gemm.pointer.bias";
        }
        pointer.setText(i18n.get(key, h.r(), h.c(), CellFormat.precise(v)));
    }
}
