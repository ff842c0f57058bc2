package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Pair;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.ParamProblem;
import dev.unfold.app.model.Params;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Sliders with typed entry for every parameter, a "square" link per pair, and the inline explanation when
 * the numbers do not make a convolution.
 */
public final class ParamPanel extends VBox {

    private final MainModel model;
    private final I18n i18n;
    private final Map<ParamKey, Row> rows = new EnumMap<>(ParamKey.class);
    private final VBox problemBox = new VBox(6);
    private final Label problemText = new Label();
    private final Hyperlink fix = new Hyperlink();
    private boolean updating;
    /** Set when a problem is shown: the next layout scrolls the panel to it. */
    private boolean reveal;

    public ParamPanel(MainModel model, I18n i18n) {
        super(10);
        this.model = model;
        this.i18n = i18n;
        getStyleClass().add("param-panel");
        setPadding(new Insets(14, 16, 14, 16));

        getChildren().add(heading("params.title"));
        getChildren().add(section("section.input"));
        getChildren().add(row(ParamKey.N, null).box);
        getChildren().add(row(ParamKey.C, null).box);
        for (Pair p : Pair.values()) {
            getChildren().add(pair(p));
        }

        problemBox.getStyleClass().add("problem-box");
        problemText.setWrapText(true);
        problemText.getStyleClass().add("problem-text");
        problemText.setId("problem-text");
        fix.setId("problem-fix");
        fix.setWrapText(true); // "Fix: PH = 2, PW = 2" is wider than a narrow panel in large type
        fix.setOnAction(e -> model.fixProblem());
        Controls.tip(fix, i18n, "problem.fix.tip");
        Label title = new Label();
        title.textProperty().bind(i18n.text("problem.title"));
        title.getStyleClass().add("problem-title");
        title.setWrapText(true);
        // the fix straight under the title: the box sits below every slider, and the way out should be the
        // first thing in sight when the panel scrolls to it
        problemBox.getChildren().addAll(title, fix, problemText);
        getChildren().add(problemBox);

        model.paramsProperty().addListener((o, a, b) -> sync());
        model.problemProperty().addListener((o, a, b) -> showProblem());
        i18n.localeProperty().addListener(o -> showProblem());
        for (Pair p : Pair.values()) {
            model.linkedProperty(p).addListener(o -> sync());
        }
        sync();
        showProblem();
    }

    /** The slider of a parameter, for tests and keyboard focus. */
    public Slider slider(ParamKey key) {
        return rows.get(key).slider;
    }

    public Spinner<Integer> spinner(ParamKey key) {
        return rows.get(key).spinner;
    }

    private Label heading(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("panel-title");
        return l;
    }

    private Label section(String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("section-title");
        return l;
    }

    private VBox pair(Pair p) {
        String name = p.name().toLowerCase(java.util.Locale.ROOT);
        Label title = section("pair." + name);
        ToggleButton link = new ToggleButton();
        link.setId("link-" + name);
        link.getStyleClass().addAll("link-toggle", "flat");
        link.setGraphic(Controls.icon(Material2AL.LINK));
        link.setSelected(model.linkedProperty(p).get());
        link.selectedProperty().addListener((o, a, on) -> {
            if (!updating) {
                model.setLinked(p, on);
            }
        });
        model.linkedProperty(p).addListener((o, a, on) -> {
            link.setSelected(on);
            link.setGraphic(Controls.icon(on ? Material2AL.LINK : Material2AL.LINK_OFF));
        });
        Controls.tip(link, i18n, "link.tip");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(6, title, spacer, link);
        head.setAlignment(Pos.CENTER_LEFT);
        Row h = row(p.height(), p);
        Row w = row(p.width(), p);
        return new VBox(2, head, h.box, w.box);
    }

    private Row row(ParamKey key, Pair pair) {
        Row r = new Row(key, pair);
        rows.put(key, r);
        return r;
    }

    private void sync() {
        updating = true;
        try {
            Params p = model.params();
            for (Row r : rows.values()) {
                r.show(p.get(r.key));
                if (r.pair != null) {
                    boolean linked = model.linkedProperty(r.pair).get();
                    boolean second = r.key == r.pair.width();
                    r.box.setVisible(!(linked && second));
                    r.box.setManaged(!(linked && second));
                    String symbol = linked ? "param." + r.pair.name() + ".linked" : "param." + r.key.name();
                    r.name.textProperty().bind(i18n.text(symbol));
                }
            }
        } finally {
            updating = false;
        }
    }

    private void showProblem() {
        ParamProblem pr = model.problem();
        problemBox.setVisible(pr != null);
        problemBox.setManaged(pr != null);
        if (pr == null) {
            return;
        }
        problemText.setText(ProblemText.describe(pr, i18n));
        String fixText = ProblemText.fix(pr, model.params(), i18n);
        fix.setText(fixText);
        fix.setVisible(fixText != null);
        fix.setManaged(fixText != null);
        reveal = true;
        requestLayout();
    }

    /**
     * Scrolls the panel, once it has been laid out with the problem in it, as little as brings the problem into
     * sight: all of it where the viewport has the room, else its title and fix. A teacher who typed a kernel too
     * large at the top of the panel should not have to look for the explanation below the fold.
     */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        ScrollPane scroll = scrollPane();
        if (!reveal || scroll == null || !problemBox.isVisible() || dragging()) {
            return;
        }
        reveal = false;
        double viewport = scroll.getViewportBounds().getHeight();
        double room = getHeight() - viewport;
        if (room <= 0) {
            return;
        }
        double top = problemBox.getBoundsInParent().getMinY();
        double bottom = problemBox.getBoundsInParent().getMaxY();
        if (bottom - top > viewport) {
            Node last = fix.isManaged() ? fix : problemBox.getChildren().get(0);
            bottom = top + last.getBoundsInParent().getMaxY();
        }
        double shown = scroll.getVvalue() * room;
        double to = Math.max(Math.min(shown, top), bottom - viewport);
        scroll.setVvalue(Math.min(1, Math.max(0, to / room)));
    }

    /** A slider being dragged: the panel scrolled under it would carry it away from the pointer. */
    private boolean dragging() {
        return rows.values().stream().anyMatch(r -> r.slider.isValueChanging());
    }

    private ScrollPane scrollPane() {
        for (Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane s) {
                return s;
            }
        }
        return null;
    }

    /** One parameter: its symbol, a slider and a spinner for typing, kept in step with the model. */
    private final class Row {
        final ParamKey key;
        final Pair pair;
        /** 3.3 ems, so that the sliders line up, or its whole text ("H = W" in presentation mode's type). */
        final Label name = new Label() {
            @Override
            protected double computeMinWidth(double height) {
                return computePrefWidth(height);
            }

            @Override
            protected double computePrefWidth(double height) {
                return Math.max(3.3 * getFont().getSize(), super.computePrefWidth(height));
            }
        };
        final Slider slider;
        final Spinner<Integer> spinner;
        final RowBox box;

        Row(ParamKey key, Pair pair) {
            this.key = key;
            this.pair = pair;
            name.textProperty().bind(i18n.text("param." + key.name()));
            name.getStyleClass().add("param-name");
            slider = new Slider(key.min(), key.max(), model.params().get(key));
            slider.setId("slider-" + key.name());
            slider.setBlockIncrement(1);
            slider.setMajorTickUnit(1);
            slider.setMinorTickCount(0);
            slider.setSnapToTicks(true);
            slider.valueChangingProperty().addListener((o, was, now) -> {
                if (!now && reveal) {
                    ParamPanel.this.requestLayout();
                }
            });
            slider.valueProperty().addListener((o, a, v) -> {
                if (!updating) {
                    int i = (int) Math.round(v.doubleValue());
                    if (i != model.params().get(key)) {
                        model.set(key, i);
                    }
                }
            });
            SpinnerValueFactory.IntegerSpinnerValueFactory f =
                    new SpinnerValueFactory.IntegerSpinnerValueFactory(key.min(), key.max(), model.params().get(key));
            f.setConverter(new SafeIntegerConverter(f));
            spinner = new Spinner<>(f);
            spinner.setId("spinner-" + key.name());
            spinner.setEditable(true);
            spinner.setPrefWidth(84);
            spinner.setMinWidth(84);
            spinner.valueProperty().addListener((o, a, v) -> {
                if (!updating && v != null && v != model.params().get(key)) {
                    model.set(key, v);
                }
            });
            spinner.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            // Enter too: text that is no number would otherwise stay in the box until the focus left it
            spinner.getEditor().addEventHandler(javafx.event.ActionEvent.ACTION, e -> commit());
            // Ctrl+Z in a box whose number is already taken undoes the parameter change, as everywhere else; only
            // while something typed is pending does it undo the typing
            spinner.getEditor().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.Z && e.isShortcutDown()
                        && spinner.getEditor().getText().equals(Integer.toString(model.params().get(key)))) {
                    e.consume();
                    if (e.isShiftDown()) {
                        model.redoParams();
                    } else {
                        model.undoParams();
                    }
                }
            });
            String lower = key.name().toLowerCase(java.util.Locale.ROOT);
            Controls.tip(slider, i18n, "param." + key.name() + ".tip", key.min(), key.max());
            Controls.tip(spinner, i18n, "param.type.tip", key.min(), key.max());
            box = new RowBox(name, slider, spinner);
            box.setId("row-" + lower);
        }

        void show(int v) {
            slider.setValue(v);
            spinner.getValueFactory().setValue(v);
            spinner.getEditor().setText(Integer.toString(v));
        }

        /** Takes what was typed; text that is not a number in range goes back to the current value. */
        void commit() {
            String text = spinner.getEditor().getText();
            try {
                int v = Integer.parseInt(text.trim());
                model.set(key, v);
            } catch (NumberFormatException e) {
                // not a number: keep the value
            }
            spinner.getEditor().setText(Integer.toString(model.params().get(key)));
        }
    }

    /**
     * A parameter's name, slider and spinner on one line where that leaves the slider a track worth dragging;
     * where it does not (a projector at 1024 × 768, presentation mode's type) the slider takes a line of its own
     * under the name and the spinner, as wide as the panel, rather than shrinking to its thumb.
     */
    private static final class RowBox extends Region {
        private static final double GAP = 8;
        /** The narrowest slider kept beside its name: a track of about 100 pixels, 1.6 to each of H's 64 steps. */
        private static final double SLIDER_BESIDE = 120;
        private final Region name;
        private final Region slider;
        private final Region spinner;

        RowBox(Region name, Region slider, Region spinner) {
            this.name = name;
            this.slider = slider;
            this.spinner = spinner;
            getChildren().addAll(name, slider, spinner);
        }

        /** Whether the slider goes beside the name and spinner, in this width (-1: the preferred). */
        private boolean oneLine(double width) {
            return width < 0 || sliderBeside(width) >= SLIDER_BESIDE;
        }

        private double sliderBeside(double width) {
            return width - snappedLeftInset() - snappedRightInset() - name.prefWidth(-1) - spinner.prefWidth(-1)
                    - 2 * GAP;
        }

        private double lineHeight() {
            return Math.max(name.prefHeight(-1), spinner.prefHeight(-1));
        }

        @Override
        public Orientation getContentBias() {
            return Orientation.HORIZONTAL;
        }

        @Override
        protected double computeMinWidth(double height) {
            return snappedLeftInset() + snappedRightInset() + name.minWidth(-1) + GAP + spinner.minWidth(-1);
        }

        @Override
        protected double computePrefWidth(double height) {
            return snappedLeftInset() + snappedRightInset() + name.prefWidth(-1) + GAP + SLIDER_BESIDE + GAP
                    + spinner.prefWidth(-1);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected double computePrefHeight(double width) {
            double lines = oneLine(width) ? Math.max(lineHeight(), slider.prefHeight(-1))
                    : lineHeight() + slider.prefHeight(-1);
            return snappedTopInset() + snappedBottomInset() + lines;
        }

        @Override
        protected void layoutChildren() {
            double x = snappedLeftInset();
            double y = snappedTopInset();
            double w = getWidth() - x - snappedRightInset();
            double nameWidth = name.prefWidth(-1);
            double spinnerWidth = spinner.prefWidth(-1);
            double sliderHeight = slider.prefHeight(-1);
            if (oneLine(getWidth())) {
                double h = getHeight() - y - snappedBottomInset();
                place(name, x, y, nameWidth, h);
                place(slider, x + nameWidth + GAP, y, w - nameWidth - spinnerWidth - 2 * GAP, h);
                place(spinner, x + w - spinnerWidth, y, spinnerWidth, h);
            } else {
                double line = lineHeight();
                place(name, x, y, nameWidth, line);
                place(spinner, x + w - spinnerWidth, y, spinnerWidth, line);
                place(slider, x, y + line, w, sliderHeight);
            }
        }

        /** Full width of its area, its own height centred in it. */
        private void place(Region child, double x, double y, double w, double h) {
            layoutInArea(child, x, y, w, h, 0, Insets.EMPTY, true, false, HPos.LEFT, VPos.CENTER);
        }
    }
}
