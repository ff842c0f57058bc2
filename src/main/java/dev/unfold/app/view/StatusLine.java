package dev.unfold.app.view;

import dev.unfold.app.i18n.BackendText;
import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.Geometry;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The status bar: the backend in use (and why, when it is not the one asked for), the compute time of what the
 * shown view draws (im2col, or the col2im and GEMM views' Conv2d with col2im), sizes.
 */
public final class StatusLine extends HBox {

    private final MainModel model;
    private final BackwardModel backward;
    private final I18n i18n;
    private final Label backend = new Label();
    private final Label compute = new Label();
    private final Label sizes = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    /** The backend's whole description, which the tooltip always shows. */
    private final javafx.beans.property.StringProperty whole =
            new javafx.beans.property.SimpleStringProperty(this, "whole", "");
    /** Shorter ways to say the same, longest first: the label shows the longest that fits (see layoutChildren). */
    private java.util.List<String> texts = java.util.List.of("");
    /** The shortest of them, the backend's name alone, has a chip before it in place of the word "Backend". */
    private String nameOnly;
    private final org.kordamp.ikonli.javafx.FontIcon chip = Controls.icon(
            org.kordamp.ikonli.material2.Material2MZ.MEMORY);

    public StatusLine(MainModel model, BackwardModel backward, I18n i18n) {
        super(10);
        this.model = model;
        this.backward = backward;
        this.i18n = i18n;
        getStyleClass().add("status-line");
        setAlignment(Pos.CENTER_LEFT);
        setId("status");
        backend.setId("status-backend");
        compute.setId("status-compute");
        sizes.setId("status-sizes");
        backend.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(backend, Priority.ALWAYS);
        // a long reason why CUDA is not used gives way first; the whole of it is in the tooltip
        compute.setMinWidth(Region.USE_PREF_SIZE);
        sizes.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(whole);
        tip.setWrapText(true);
        tip.setMaxWidth(640);
        backend.setTooltip(tip);
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(model.computingProperty().or(
                model.viewProperty().isNotEqualTo(ViewKind.IM2COL).and(backward.computingProperty())));
        getChildren().addAll(busy, backend, compute, new Separator(Orientation.VERTICAL), sizes);
        model.frameProperty().addListener(o -> update());
        model.computeErrorProperty().addListener(o -> update());
        model.viewProperty().addListener(o -> update());
        backward.frameProperty().addListener(o -> update());
        backward.computeErrorProperty().addListener(o -> update());
        i18n.localeProperty().addListener(o -> update());
        update();
    }

    /**
     * The sizes stay whole. The backend says as much as the room allows: the whole description with the reason
     * CUDA is not used, the description with only that CUDA is not used, the description alone ("Backend: CPU,
     * 2 threads"), or the backend's name after a chip
     * ("CPU"), never a cut-off "Backend: C…"; the tooltip holds the whole of it. Where even the name does not fit
     * beside the compute time (a 1024-wide projector in presentation mode's type) the compute time goes, so that
     * the status bar never asks for more than the window and pushes the side panels off it.
     */
    @Override
    protected void layoutChildren() {
        double width = getWidth();
        String text = texts.get(texts.size() - 1);
        boolean withCompute = false;
        for (String t : texts) {
            if (width >= needed(true, textWidth(t))) {
                text = t;
                withCompute = true;
                break;
            }
        }
        if (!withCompute) { // the compute time has gone: the backend may say more in its room
            for (String t : texts) {
                if (width >= needed(false, textWidth(t))) {
                    text = t;
                    break;
                }
            }
        }
        if (!text.equals(backend.getText())) {
            backend.setText(text);
            backend.setGraphic(text.equals(nameOnly) ? chip : null);
        }
        if (compute.isManaged() != withCompute) {
            compute.setManaged(withCompute);
            compute.setVisible(withCompute);
        }
        super.layoutChildren();
    }

    /** The width the backend's label needs to show {@code text} whole. */
    private double textWidth(String text) {
        double w = backend.snappedLeftInset() + backend.snappedRightInset()
                + Math.ceil(HeaderLabels.width(text, backend.getFont())) + 1;
        return text.equals(nameOnly) ? w + chip.prefWidth(-1) + backend.getGraphicTextGap() : w;
    }

    @Override
    protected double computeMinWidth(double height) {
        return needed(false, backend.minWidth(-1));
    }

    private double needed(boolean withCompute, double backendWidth) {
        double w = snappedLeftInset() + snappedRightInset();
        int shown = 0;
        for (javafx.scene.Node n : getChildren()) {
            if (n == compute && !withCompute) {
                continue;
            }
            w += n == backend ? backendWidth : n.prefWidth(-1);
            shown++;
        }
        return w + getSpacing() * (shown - 1);
    }

    /** The backend's text as shown now and its whole description: for tests. */
    String[] backendTexts() {
        return new String[] {backend.getText(), whole.get()};
    }

    private void update() {
        Frame f = model.frame();
        String error = model.computeErrorProperty().get();
        if (error == null && model.view() != ViewKind.IM2COL) { // the col2im and GEMM views draw the backward frame
            error = backward.computeErrorProperty().get();
        }
        nameOnly = null;
        if (error != null) {
            texts = java.util.List.of(i18n.get("status.error", ErrorText.compute(error, i18n)));
        } else if (f == null) {
            texts = java.util.List.of(i18n.get("status.computing"));
        } else {
            nameOnly = f.backend().name().toUpperCase(java.util.Locale.ROOT);
            texts = java.util.List.of(
                    i18n.get("status.backend", BackendText.describe(f.backend(), f.cudaUnavailable(), i18n)),
                    i18n.get("status.backend", BackendText.describe(f.backend(), i18n)
                            + (f.cudaUnavailable() == null ? "" : " — " + i18n.get("backend.cuda.unavailable.short"))),
                    i18n.get("status.backend", BackendText.describe(f.backend(), i18n)), nameOnly)
                    .stream().distinct().toList();
        }
        whole.set(texts.get(0));
        backend.setText(texts.get(0)); // until the next layout picks what fits
        backend.setGraphic(null);
        requestLayout();
        if (f != null) {
            Geometry g = f.geometry();
            compute.setText(computeText(f));
            // the column buffer's shape in the layout drawn: 25 × 4 in rows, 1×1×2×2×5×5 in tensor, 1×4×25 in torch
            String column = f.layout().patchMajor()
                    ? i18n.number(g.patchCount(), 0) + " × " + i18n.number(g.patchSize(), 0)
                    : ColumnGrid.of(g, f.layout()).shape("×", d -> i18n.number(d, 0));
            sizes.setText(i18n.get("status.sizes", g.n(), g.c(), g.h(), g.w(), column, i18n.ratio(g.blowUp())));
        }
    }

    /**
     * The time of what the shown view draws: the col2im and GEMM views draw a backward frame, one Conv2d forward
     * and backward pass with col2im, not the im2col view's call; until that frame is there, no time at all.
     */
    private String computeText(Frame f) {
        if (model.view() == ViewKind.IM2COL) {
            return i18n.get("status.compute", i18n.number(f.computeNanos() / 1e6, 2), f.backend().name());
        }
        BackwardFrame b = backward.frame();
        if (b == null || backward.computeErrorProperty().get() != null) { // none, or one for other settings
            return "";
        }
        return i18n.get("status.compute.backward", i18n.number(b.computeNanos() / 1e6, 2), b.backend().name());
    }
}
