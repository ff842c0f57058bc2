package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardComputer;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.ViewKind;
import java.util.EnumMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;

/**
 * The part of the window that changes with the view: the centre and the formula panel. Builds the col2im and
 * GEMM views and their model; a view that is not shown is out of the scene, so its canvases cost nothing.
 */
public final class ViewDeck {

    private final MainModel model;
    private final BackwardModel backward;
    private final Col2imPane col2im;
    private final GemmPane gemm;
    private final StackPane center = new StackPane();
    private final Map<ViewKind, Node> centers = new EnumMap<>(ViewKind.class);
    private final Map<ViewKind, Node> formulas = new EnumMap<>(ViewKind.class);
    private ScrollPane right;

    /**
     * @param im2colCenter  the im2col view's input and column panes
     * @param im2colFormula the im2col view's formula panel
     */
    public ViewDeck(MainModel model, I18n i18n, ObjectProperty<Palette> palette, Node im2colCenter,
                    Node im2colFormula) {
        this.model = model;
        this.backward = new BackwardModel(model, new BackwardComputer(model.backends()), Platform::runLater);
        col2im = new Col2imPane(model, backward, i18n, palette);
        gemm = new GemmPane(model, backward, i18n, palette);

        centers.put(ViewKind.IM2COL, im2colCenter);
        centers.put(ViewKind.COL2IM, col2im);
        centers.put(ViewKind.GEMM, gemm);
        formulas.put(ViewKind.IM2COL, im2colFormula);
        formulas.put(ViewKind.COL2IM, col2im.formula());
        formulas.put(ViewKind.GEMM, gemm.formula());
        model.viewProperty().addListener((o, a, v) -> show(v));
        show(model.view());
    }

    private void show(ViewKind v) {
        center.getChildren().setAll(centers.get(v));
        if (right != null) {
            right.setContent(formulas.get(v));
        }
    }

    /** The node to put where the views go. */
    public Node center() {
        return center;
    }

    /** Lets the deck swap the formula panel inside {@code pane}. */
    public void bindRight(ScrollPane pane) {
        right = pane;
        right.setContent(formulas.get(model.view()));
    }

    public BackwardModel backward() {
        return backward;
    }

    public Col2imPane col2im() {
        return col2im;
    }

    public GemmPane gemm() {
        return gemm;
    }

    /** True when the shown view has drawn everything for the current settings: for screenshots. */
    public boolean ready() {
        return model.view() == ViewKind.IM2COL || backward.ready();
    }

    /**
     * Why the shown view has nothing to draw for the current settings, once its computations have settled: the
     * main frame's failure, or the backward frame's in the col2im and GEMM views; null when none failed.
     */
    public String computeError() {
        if (model.computingProperty().get()) {
            return null;
        }
        if (model.computeErrorProperty().get() != null) {
            return model.computeErrorProperty().get();
        }
        if (model.view() == ViewKind.IM2COL || backward.computingProperty().get() || model.frame() == null) {
            return null;
        }
        return backward.computeErrorProperty().get();
    }

    public void close() {
        backward.close();
    }
}
