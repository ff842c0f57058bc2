package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Preset;
import dev.unfold.app.model.ViewKind;
import dev.unfold.core.Availability;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.controlsfx.control.SegmentedButton;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The tool bar: view switch, presets, animation order, column layout, zoom and backend. */
public final class TopBar extends FlowPane {

    private final MainModel model;
    private final I18n i18n;
    private final ComboBox<BackendChoice> backend = new ComboBox<>();
    /** The words before the order, layout and backend controls: the first thing to go on a narrow window. */
    private final List<Label> words = new java.util.ArrayList<>();
    private final javafx.beans.property.BooleanProperty wordsShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "wordsShown", true);
    /** The zoom buttons: the second thing to go (the View menu, + and − and Ctrl + wheel zoom as well). */
    private final javafx.beans.property.BooleanProperty zoomShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "zoomShown", true);
    private HBox zoom;
    private javafx.beans.binding.BooleanBinding zoomForView;
    /** At most this many rows: a third row of controls costs the views a projector's height (50 px). */
    static final int MAX_ROWS = 2;

    /**
     * The bar wraps onto a second row when the window is narrow (a projector at 1024 × 768, the window at its
     * minimum width) instead of pushing the window wider than the screen.
     */
    public TopBar(MainModel model, I18n i18n) {
        super(14, 6);
        this.model = model;
        this.i18n = i18n;
        getStyleClass().add("top-bar");
        setAlignment(Pos.CENTER_LEFT);

        Label title = new Label("Unfold");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Controls.tip(title, i18n, "app.subtitle");
        getChildren().add(title);

        if (ViewKind.values().length > 1) { // one view needs no switch
            getChildren().add(segmented(List.of(ViewKind.values()), ViewKind::key, model.viewProperty().get(),
                    model::setView, model.viewProperty(), "view-switch"));
        }

        MenuButton presets = new MenuButton();
        presets.setId("presets");
        presets.textProperty().bind(i18n.text("toolbar.presets"));
        presets.setGraphic(Controls.icon(Material2AL.BOOKMARKS));
        for (Preset p : Preset.values()) {
            MenuItem item = new MenuItem();
            item.setId("preset-" + p.name().toLowerCase(Locale.ROOT));
            item.textProperty().bind(i18n.text(p.key()));
            item.setOnAction(e -> model.applyPreset(p));
            presets.getItems().add(item);
        }
        Controls.tip(presets, i18n, "toolbar.presets.tip");

        Label orderLabel = label("toolbar.order");
        List<TraceOrder> orders = List.of(TraceOrder.IM2COL_BY_PATCH, TraceOrder.IM2COL_BY_TAP,
                TraceOrder.IM2COL_BY_THREAD);
        SegmentedButton order = segmented(orders, o -> "order." + o.label(), model.order(), model::setOrder,
                model.orderProperty(), "order");
        Label layoutLabel = label("toolbar.layout");
        SegmentedButton layout = segmented(List.of(Layout.values()), l -> "layout." + l.label(),
                model.layoutProperty().get(), model::setLayout, model.layoutProperty(), "layout");

        // the im2col orders belong to the im2col view; the layout and zoom to the views that draw a column matrix
        for (javafx.scene.Node n : List.of(orderLabel, order)) {
            n.visibleProperty().bind(model.viewProperty().isEqualTo(ViewKind.IM2COL));
            n.managedProperty().bind(n.visibleProperty());
        }
        Button zoomOut = new Button();
        zoomOut.setId("zoom-out");
        zoomOut.setGraphic(Controls.icon(Material2MZ.ZOOM_OUT));
        zoomOut.setOnAction(e -> model.zoomOut());
        Controls.tip(zoomOut, i18n, "zoom.out.tip");
        Button zoomIn = new Button();
        zoomIn.setId("zoom-in");
        zoomIn.setGraphic(Controls.icon(Material2MZ.ZOOM_IN));
        zoomIn.setOnAction(e -> model.zoomIn());
        Controls.tip(zoomIn, i18n, "zoom.in.tip");
        zoom = new HBox(2, zoomOut, zoomIn);
        zoom.setId("zoom");
        zoomForView = model.viewProperty().isNotEqualTo(ViewKind.GEMM);
        for (javafx.scene.Node n : List.of(layoutLabel, layout)) {
            n.visibleProperty().bind(zoomForView);
            n.managedProperty().bind(n.visibleProperty());
        }
        zoom.visibleProperty().bind(zoomForView.and(zoomShown));
        zoom.managedProperty().bind(zoom.visibleProperty());

        Label backendLabel = label("toolbar.backend");
        words.addAll(List.of(orderLabel, layoutLabel, backendLabel));
        for (Label w : words) {
            w.visibleProperty().bind(wordsShown);
            w.managedProperty().bind(w.visibleProperty());
        }
        backend.setId("backend");
        backend.getItems().setAll(BackendChoice.values());
        backend.setValue(model.backendChoiceProperty().get());
        backend.setCellFactory(v -> new BackendCell(false));
        backend.setButtonCell(new BackendCell(true));
        backend.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.setBackend(b);
            }
        });
        model.backendChoiceProperty().addListener((o, a, b) -> backend.setValue(b));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(i18n.bind(this::backendTip, model.cudaAvailabilityProperty()));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        backend.setTooltip(tip);
        model.cudaAvailabilityProperty().addListener(o -> {
            backend.setButtonCell(new BackendCell(true));
        });
        // without its word the box would read only "Auto": a chip in front of it says what is automatic
        wordsShown.addListener(o -> {
            if (backend.getButtonCell() instanceof BackendCell cell) {
                cell.refresh();
            }
        });

        getChildren().addAll(presets, InputValuesMenu.create(model, i18n), group(orderLabel, order),
                group(layoutLabel, layout), zoom, group(backendLabel, backend));
        for (javafx.scene.Node n : getChildren()) {
            if (n instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
    }

    /**
     * A projector at 1024 × 768 in presentation mode's type would need three rows: the words "Order", "Layout"
     * and "Backend" go first (the buttons' tooltips still name them, and the backend box shows a chip), then
     * the zoom buttons, so that the bar keeps to {@link #MAX_ROWS} rows. A wide window keeps everything.
     */
    @Override
    protected void layoutChildren() {
        fit(getWidth());
        super.layoutChildren();
    }

    private void fit(double width) {
        if (width <= 0) {
            return;
        }
        boolean withWords = rows(width, true, true) <= MAX_ROWS;
        boolean withZoom = withWords || rows(width, false, true) <= MAX_ROWS;
        if (wordsShown.get() != withWords) {
            wordsShown.set(withWords);
        }
        if (zoomShown.get() != withZoom) {
            zoomShown.set(withZoom);
        }
    }

    /** How many rows the bar takes at this width with or without the words and the zoom buttons. */
    int rows(double width, boolean withWords, boolean withZoom) {
        double room = width - snappedLeftInset() - snappedRightInset();
        int rows = 0;
        double x = 0;
        for (javafx.scene.Node n : getChildren()) {
            double w;
            if (n == zoom) {
                if (!zoomForView.get() || !withZoom) {
                    continue;
                }
                w = zoom.prefWidth(-1);
            } else if (!n.isManaged()) {
                continue;
            } else {
                w = n.prefWidth(-1);
                if (n instanceof HBox box && !box.getChildren().isEmpty() && box.getChildren().get(0) instanceof Label l
                        && words.contains(l)) {
                    double word = l.prefWidth(-1) + box.getSpacing();
                    if (withWords && !l.isManaged()) {
                        w += word;
                    } else if (!withWords && l.isManaged()) {
                        w -= word;
                    }
                }
            }
            if (rows == 0 || x + w > room + 0.5) {
                rows++;
                x = w + getHgap();
            } else {
                x += w + getHgap();
            }
        }
        return Math.max(1, rows);
    }

    /** Whether the words before the controls are shown now: for tests. */
    boolean wordsShown() {
        return wordsShown.get();
    }

    /** A label and its control, kept on one row when the bar wraps; hidden together with the control. */
    private static HBox group(Label label, javafx.scene.Node control) {
        HBox box = new HBox(8, label, control);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(control.visibleProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Label label(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("bar-label");
        return l;
    }

    private <T> SegmentedButton segmented(List<T> values, java.util.function.Function<T, String> key, T selected,
                                          java.util.function.Consumer<T> command,
                                          javafx.beans.value.ObservableValue<T> state, String id) {
        SegmentedButton seg = new SegmentedButton();
        seg.setId(id);
        for (T v : values) {
            ToggleButton b = new ToggleButton();
            b.setId(id + "-" + v.toString().toLowerCase(Locale.ROOT).replace("im2col_by_", ""));
            b.textProperty().bind(i18n.text(key.apply(v)));
            b.setUserData(v);
            b.setSelected(v == selected);
            Controls.tip(b, i18n, key.apply(v) + ".tip");
            Segments.picks(seg, b, v, state, command);
            seg.getButtons().add(b);
        }
        state.addListener((o, a, now) -> seg.getButtons().forEach(b -> b.setSelected(b.getUserData() == now)));
        return seg;
    }

    private String backendTip() {
        Availability cuda = model.cudaAvailabilityProperty().get();
        String base = i18n.get("backend.tip");
        if (cuda == null) {
            return base + "\n" + i18n.get("backend.cuda.probing");
        }
        return base + "\n" + (cuda.available() ? i18n.get("backend.cuda.available", cuda.detail())
                : i18n.get("backend.cuda.unavailable", cuda.detail()));
    }

    private final class BackendCell extends ListCell<BackendChoice> {
        private final boolean button;

        BackendCell(boolean button) {
            this.button = button;
            i18n.localeProperty().addListener(o -> updateItem(getItem(), getItem() == null));
        }

        void refresh() {
            updateItem(getItem(), getItem() == null);
        }

        @Override
        protected void updateItem(BackendChoice item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            String text = i18n.get("backend." + item.label());
            Availability cuda = model.cudaAvailabilityProperty().get();
            if (item == BackendChoice.CUDA && cuda != null && !cuda.available()) {
                text = i18n.get("backend.cuda.off", text);
            }
            setText(text);
            // the button cell, when the word "Backend" has made way: a chip says what the box is for
            boolean chip = button && !wordsShown.get();
            setGraphic(chip ? Controls.icon(Material2MZ.MEMORY) : null);
        }
    }
}
