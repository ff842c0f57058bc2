package dev.unfold.app.view;

import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.TraceOrder;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The col2im view: its own bar (order, gradient, heat map, the round trip), the gradient column matrix on the
 * left, the input gradient it accumulates into on the right, and below that, when asked, col2im(im2col(x)).
 */
public final class Col2imPane extends VBox {

    /** gcol's usual share of the split, all it gets where it shows every column or gx has nothing to spare. */
    private static final double GCOL_SHARE = 0.42;

    private final MainModel model;
    private final BackwardModel backward;
    private final I18n i18n;
    private final GradColumnView columnView;
    private final GradientView gradientView;
    private final RoundTripView roundTripView;
    private final Col2imFormulaPanel formula;
    private final SplitPane split;
    /** Set once the divider is pressed: from then on it stays where the lecturer put it. */
    private boolean dividerMoved;

    public Col2imPane(MainModel model, BackwardModel backward, I18n i18n, ObjectProperty<Palette> palette) {
        this.model = model;
        this.backward = backward;
        this.i18n = i18n;
        getStyleClass().add("backward-pane");
        setId("col2im-pane");
        columnView = new GradColumnView(model, backward, palette);
        columnView.setId("grad-column-view");
        gradientView = new GradientView(model, backward, palette);
        gradientView.setId("gradient-view");
        roundTripView = new RoundTripView(model, backward, i18n, palette);
        roundTripView.setId("round-trip-view");
        formula = new Col2imFormulaPanel(model, backward, i18n);

        FlowPane bar = new FlowPane(14, 6);
        bar.getStyleClass().add("view-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        ToggleButton heat = toggle("heatmap", "col2im.heatmap", backward.heatMapProperty().get());
        heat.selectedProperty().addListener((o, a, on) -> backward.setHeatMap(on));
        backward.heatMapProperty().addListener((o, a, on) -> heat.setSelected(on));
        ToggleButton trip = toggle("roundtrip", "col2im.roundtrip", backward.roundTripProperty().get());
        trip.selectedProperty().addListener((o, a, on) -> backward.setRoundTrip(on));
        backward.roundTripProperty().addListener((o, a, on) -> trip.setSelected(on));
        bar.getChildren().addAll(
                group(Segments.label(i18n, "col2im.order"), Segments.of(
                        List.of(TraceOrder.COL2IM_BY_TAP, TraceOrder.COL2IM_BY_PIXEL),
                        o -> "col2im.order." + o.label(), i18n, backward.orderProperty(), backward::setOrder,
                        "col2im-order")),
                Segments.menu(List.of(GradientPreset.values()), GradientPreset::key, "gradient.title", i18n,
                        backward.gradientProperty(), backward::setGradient, "gradient"),
                heat, trip);

        split = new SplitPane(pane(caption("caption-grad-column", this::columnCaption), columnView),
                pane(caption("caption-gradient", this::gradientCaption), gradientView));
        split.setDividerPositions(GCOL_SHARE);
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            for (Node n = e.getTarget() instanceof Node t ? t : null; n != null && n != split; n = n.getParent()) {
                if (n.getStyleClass().contains("split-pane-divider")) {
                    dividerMoved = true;
                }
            }
        });
        split.widthProperty().addListener(o -> placeDivider());
        gradientView.heightProperty().addListener(o -> placeDivider());
        split.heightProperty().addListener(o -> placeDivider());
        backward.frameProperty().addListener(o -> placeDivider());
        model.cellSizeProperty().addListener(o -> placeDivider());
        // the round trip spans the whole width: five grids side by side need it
        roundTripView.visibleProperty().bind(backward.roundTripProperty());
        roundTripView.managedProperty().bind(backward.roundTripProperty());
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split, roundTripView);
    }

    /**
     * Gives gcol more than its usual share where that shows more of its columns (the seed's 25 × 4 at 1024 wide
     * in presentation type would otherwise hide one and a half), but only as far as gx keeps the pixel size it
     * has at the usual share, its caption's extra line included, so that the pixels still show their counts.
     */
    private void placeDivider() {
        Node divider = split.lookup(".split-pane-divider");
        double width = split.getWidth() - split.snappedLeftInset() - split.snappedRightInset();
        double whole = columnView.wholeWidth();
        if (dividerMoved || divider == null || width <= 0 || whole <= 0) {
            return;
        }
        double dividerW = divider.getLayoutBounds().getWidth();
        double room = width - dividerW;
        double usual = GCOL_SHARE * width - dividerW / 2; // where the split puts the divider at GCOL_SHARE
        double gcol = usual;
        if (whole > usual) {
            VBox gxPane = (VBox) split.getItems().get(1);
            Region caption = (Region) gxPane.getChildren().get(0);
            double paneH = gxPane.getHeight() - gxPane.snappedTopInset() - gxPane.snappedBottomInset();
            java.util.function.DoubleUnaryOperator cell =
                    w -> gradientView.cellFor(w, paneH - caption.prefHeight(w));
            double keep = cell.applyAsDouble(room - usual);
            if (keep < 1) {
                // gx's pixels do not fit even at the usual share (a large input): drawn at 1 px, they would not
                // get smaller in a narrower gx, only more cropped, so every width would "keep" them and gx would
                // be squeezed out of sight; gcol keeps its usual share
                split.setDividerPosition(0, GCOL_SHARE);
                return;
            }
            // the narrowest gx that keeps its pixels, between what gcol's whole width leaves (with a pixel to
            // spare for the split's rounding to whole pixels) and the usual share
            double lo = room - Math.ceil(whole) - 1;
            double hi = room - usual;
            if (cell.applyAsDouble(lo) >= keep) {
                hi = lo;
            }
            while (hi - lo > 1) {
                double mid = (lo + hi) / 2;
                if (cell.applyAsDouble(mid) >= keep) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            gcol = Math.max(usual, room - Math.ceil(hi));
        }
        split.setDividerPosition(0, gcol == usual ? GCOL_SHARE : (gcol + dividerW / 2) / width);
    }

    private ToggleButton toggle(String id, String key, boolean selected) {
        ToggleButton b = new ToggleButton();
        b.setId(id);
        b.textProperty().bind(i18n.text(key));
        b.setSelected(selected);
        b.setMinWidth(ToggleButton.USE_PREF_SIZE);
        Controls.tip(b, i18n, key + ".tip");
        return b;
    }

    private static HBox group(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static VBox pane(Label caption, Node view, Node... below) {
        VBox box = new VBox(caption, view);
        box.getChildren().addAll(below);
        box.getStyleClass().add("view-pane");
        VBox.setVgrow(view, Priority.ALWAYS);
        return box;
    }

    private Label caption(String id, java.util.concurrent.Callable<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("view-caption");
        l.setPadding(new Insets(6, 10, 6, 10));
        l.setMaxWidth(Double.MAX_VALUE);
        l.setWrapText(true); // as the im2col view's captions: a second line, not an ellipsis
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.textProperty().bind(i18n.bind(text, backward.frameProperty(), backward.heatMapProperty(),
                backward.computeErrorProperty()));
        return l;
    }

    private String columnCaption() {
        BackwardFrame f = backward.frame();
        if (f == null) {
            return i18n.get("caption.gradcolumn.empty");
        }
        Geometry g = f.geometry();
        if (!f.layout().patchMajor()) { // the grid drawn is the layout's, not (N·OH·OW) × (C·KH·KW)
            ColumnGrid grid = ColumnGrid.of(g, f.layout());
            return i18n.get("caption.gradcolumn.layout", grid.shape(", ", d -> i18n.number(d, 0)),
                    i18n.number(grid.rows(), 0), i18n.number(grid.cols(), 0), i18n.get(f.gradientPreset().key()),
                    f.layout().label());
        }
        return i18n.get("caption.gradcolumn", i18n.number(g.patchCount(), 0), i18n.number(g.patchSize(), 0),
                i18n.get(f.gradientPreset().key()), f.layout().label());
    }

    private String gradientCaption() {
        BackwardFrame f = backward.frame();
        if (backward.computeErrorProperty().get() != null) {
            return i18n.get("status.error", ErrorText.compute(backward.computeErrorProperty().get(), i18n));
        }
        if (f == null) {
            return i18n.get("caption.gradient.empty");
        }
        Geometry g = f.geometry();
        String key = backward.heatMapProperty().get() ? "caption.heatmap" : "caption.gradient";
        return i18n.get(key, g.n(), g.c(), g.h(), g.w(), i18n.number(f.computeNanos() / 1e6, 2), f.backend().name());
    }

    public GradColumnView columnView() {
        return columnView;
    }

    public GradientView gradientView() {
        return gradientView;
    }

    public RoundTripView roundTripView() {
        return roundTripView;
    }

    public Col2imFormulaPanel formula() {
        return formula;
    }
}
