package dev.unfold.app.view;

import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.OutputGradientPreset;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.model.WeightPreset;
import dev.unfold.app.model.Weights;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The GEMM view: its bar (which product, OC, weights, output gradient, input values) above the product. */
public final class GemmPane extends VBox {

    private final BackwardModel backward;
    private final I18n i18n;
    private final GemmView view;
    private final GemmFormulaPanel formula;
    private final Spinner<Integer> outChannels;

    public GemmPane(MainModel model, BackwardModel backward, I18n i18n, ObjectProperty<Palette> palette) {
        this.backward = backward;
        this.i18n = i18n;
        getStyleClass().add("backward-pane");
        setId("gemm-pane");
        view = new GemmView(model, backward, i18n, palette);
        view.setId("gemm-view");
        formula = new GemmFormulaPanel(model, backward, view, i18n);

        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(1,
                Weights.MAX_OUT_CHANNELS, backward.weights().outChannels());
        f.setConverter(new SafeIntegerConverter(f));
        outChannels = new Spinner<>(f);
        outChannels.setId("out-channels");
        // typed like the parameter boxes: Enter or leaving the box takes the number, anything else is put back
        outChannels.setEditable(true);
        Runnable typed = () -> {
            outChannels.commitValue();
            outChannels.getEditor().setText(Integer.toString(f.getValue()));
        };
        outChannels.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> typed.run());
        outChannels.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                typed.run();
            }
        });
        outChannels.setPrefWidth(76);
        outChannels.setMinWidth(76);
        outChannels.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                backward.setOutChannels(v);
            }
        });
        backward.weightsProperty().addListener((o, a, w) -> f.setValue(w.outChannels()));
        Controls.tip(outChannels, i18n, "gemm.oc.tip", Weights.MAX_OUT_CHANNELS);
        HBox oc = new HBox(6, Segments.label(i18n, "gemm.oc"), outChannels);
        oc.setAlignment(Pos.CENTER_LEFT);

        javafx.beans.value.ObservableValue<WeightPreset> preset = javafx.beans.binding.Bindings.createObjectBinding(
                () -> backward.weights().preset(), backward.weightsProperty());
        var weights = Segments.menu(List.of(WeightPreset.values()), WeightPreset::key, "weights.title", i18n,
                preset, backward::setWeightPreset, "weights");
        weights.textProperty().unbind();
        weights.textProperty().bind(i18n.bind(() -> {
            Weights w = backward.weights();
            String name = i18n.get(w.preset().key());
            return i18n.get("weights.title", w.edits().isEmpty() && w.biasEdits().isEmpty() ? name
                    : i18n.get("input.edited", name));
        }, backward.weightsProperty()));

        Button toCol2im = new Button();
        toCol2im.setId("gemm-to-col2im");
        toCol2im.textProperty().bind(i18n.text("gemm.tocol2im"));
        Controls.tip(toCol2im, i18n, "gemm.tocol2im.tip");
        toCol2im.setOnAction(e -> {
            backward.setGradient(GradientPreset.FROM_CONV);
            model.setView(ViewKind.COL2IM);
            model.seek(0); // the button says "animate": from the first addition, playing
            model.play();
        });

        FlowPane bar = new FlowPane(14, 6);
        bar.getStyleClass().add("view-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        bar.getChildren().addAll(
                Segments.of(List.of(Product.values()), Product::key, i18n, backward.productProperty(),
                        backward::setProduct, "product"),
                oc, weights,
                Segments.menu(List.of(OutputGradientPreset.values()), OutputGradientPreset::key, "outgrad.title",
                        i18n, backward.outputGradientProperty(), backward::setOutputGradient, "outgrad"),
                toCol2im);

        Label caption = new Label();
        caption.setId("caption-gemm");
        caption.getStyleClass().add("view-caption");
        caption.setPadding(new Insets(6, 10, 6, 10));
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setWrapText(true); // as the im2col view's captions: a second line, not an ellipsis
        caption.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.textProperty().bind(i18n.bind(this::caption, backward.frameProperty(), backward.productProperty(),
                backward.computeErrorProperty()));
        VBox pane = new VBox(caption, view);
        pane.getStyleClass().add("view-pane");
        VBox.setVgrow(view, Priority.ALWAYS);
        VBox.setVgrow(pane, Priority.ALWAYS);
        getChildren().addAll(bar, pane);
    }

    private String caption() {
        if (backward.computeErrorProperty().get() != null) {
            return i18n.get("status.error", ErrorText.compute(backward.computeErrorProperty().get(), i18n));
        }
        BackwardFrame f = backward.frame();
        if (f == null) {
            return i18n.get("caption.gemm.empty");
        }
        Product p = backward.product();
        return i18n.get("caption.gemm." + p.name().toLowerCase(java.util.Locale.ROOT), p.m(f), p.k(f), p.n(f),
                i18n.number(f.computeNanos() / 1e6, 2), f.backend().name());
    }

    public GemmView view() {
        return view;
    }

    public GemmFormulaPanel formula() {
        return formula;
    }

    public Spinner<Integer> outChannels() {
        return outChannels;
    }
}
