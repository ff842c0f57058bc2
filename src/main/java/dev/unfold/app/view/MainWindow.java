package dev.unfold.app.view;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.Geometry;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's scene: tool bar, parameter panel, input and column views side by side with the transport
 * below, the formula panel and the status bar. It also owns the animation timer and the keyboard.
 */
public final class MainWindow {

    /** How much larger presentation mode sets the type: 21 px against 15 (unfold.css). */
    static final double PRESENTING_TYPE = 21.0 / 15;
    /** The least the views keep of the window's width before the formula panel widens for presentation type. */
    static final double PRESENTING_VIEWS = 800;
    /**
     * The least the views keep where the formula panel widens for OH and OW to take two lines in presentation
     * type: room for col2im's gcol to show all of the seed's four columns (313 px) beside gx with its pixels
     * large enough for their counts (300 px).
     */
    static final double PRESENTING_VIEWS_LEAST = 640;
    /** What the formula panel's scroll pane takes beside its content: AtlantaFX's 8 px scroll bar, 1 px borders. */
    private static final double SIDE_CHROME = 10;

    private final MainModel model;
    private final I18n i18n;
    private final ObjectProperty<AppTheme> theme = new SimpleObjectProperty<>(this, "theme", AppTheme.LIGHT);
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.LIGHT);
    private final javafx.beans.property.BooleanProperty colourBlindSafe =
            new javafx.beans.property.SimpleBooleanProperty(this, "colourBlindSafe");
    private final BorderPane root = new BorderPane();
    private javafx.scene.control.MenuBar menuBar;
    private final InputView inputView;
    private final ColumnView columnView;
    private final ParamPanel params;
    private final TransportBar transport;
    private final FormulaPanel formula;
    private final ViewDeck deck;
    private final TopBar topBar;
    private final StackPane viewArea;
    private final javafx.beans.property.BooleanProperty paramsShown =
            new javafx.beans.property.SimpleBooleanProperty(this, "paramsShown", true);
    private final AnimationTimer timer;
    private long lastTick;
    private boolean animate;
    private final javafx.beans.value.ChangeListener<Boolean> playing = this::playingChanged;

    public MainWindow(MainModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        root.getStyleClass().add("unfold-root");
        root.setId("main");
        inputView = new InputView(model, palette);
        inputView.setId("input-view");
        inputView.editorInvalidTextProperty().bind(i18n.text("cell.invalid"));
        columnView = new ColumnView(model, palette);
        columnView.setId("column-view");
        params = new ParamPanel(model, i18n);
        transport = new TransportBar(model, i18n);
        formula = new FormulaPanel(model, i18n);

        topBar = new TopBar(model, i18n);
        root.setTop(topBar);
        ScrollPane left = new ScrollPane(params);
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // the side panels give room to the views on narrow screens (a projector at 1024 × 768)
        left.prefWidthProperty().bind(javafx.beans.binding.Bindings.min(320,
                javafx.beans.binding.Bindings.max(228, root.widthProperty().multiply(0.2))));
        left.setMinWidth(228);
        left.getStyleClass().add("side-scroll");
        root.setLeft(left);
        paramsShown.addListener((o, was, on) -> root.setLeft(on ? left : null));
        ScrollPane right = new ScrollPane();
        right.setFitToWidth(true);
        right.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // full width (410, where the output-size formulas fit on one line each) from 1600 up, 214 at 1024; in
        // presentation mode's larger type as much wider as the type (574 at 1920, the formulas on one line again)
        // where the views keep PRESENTING_VIEWS of the window's width, and at least as wide as the formulas need
        // to take two lines rather than three where the views keep PRESENTING_VIEWS_LEAST (at 1024 with the
        // parameters hidden, at 1280 with them shown); a width that would still leave them three lines is no
        // better than the usual one, and the views keep it
        javafx.beans.binding.BooleanBinding presenting = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> root.getStyleClass().contains("presentation"), root.getStyleClass());
        right.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            double width = root.getWidth();
            double usual = Math.min(410, Math.max(212, width * 0.34 - 134));
            if (!presenting.get()) {
                return usual;
            }
            double views = width - (paramsShown.get() ? left.getPrefWidth() : 0);
            double wide = Math.max(usual, Math.min(usual * PRESENTING_TYPE, views - PRESENTING_VIEWS));
            double twoLines = formula.presentingWidthProperty().get() + SIDE_CHROME;
            return twoLines <= views - PRESENTING_VIEWS_LEAST ? Math.max(wide, twoLines) : wide;
        }, root.widthProperty(), presenting, paramsShown, left.prefWidthProperty(),
                formula.presentingWidthProperty()));
        right.setMinWidth(212);
        right.getStyleClass().add("side-scroll");
        root.setRight(right);
        // the numbers there belong to the last valid frame: fade them while the parameters are invalid
        right.opacityProperty().bind(javafx.beans.binding.Bindings.when(model.problemProperty().isNotNull())
                .then(0.4).otherwise(1.0));

        SplitPane split = new SplitPane(pane(caption("caption-input", this::inputCaption), inputView),
                pane(caption("caption-column", this::columnCaption), columnView));
        split.setDividerPositions(0.45);
        deck = new ViewDeck(model, i18n, palette, split, formula);
        deck.bindRight(right);
        Label banner = new Label();
        banner.setId("problem-banner");
        banner.getStyleClass().add("problem-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(640);
        banner.visibleProperty().bind(model.problemProperty().isNotNull());
        banner.textProperty().bind(i18n.bind(() -> model.problem() == null ? ""
                : i18n.get("problem.banner", ProblemText.describe(model.problem(), i18n)), model.problemProperty()));
        StackPane views = new StackPane(deck.center(), banner);
        viewArea = views;
        StackPane.setAlignment(banner, Pos.CENTER);
        // a click on a view's free space (its caption, its background) hands the keyboard back to the
        // animation, away from a toggle group that would take the arrows for itself
        views.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (!insideControl(e.getTarget())) {
                views.requestFocus();
            }
        });
        VBox center = new VBox(views, transport);
        VBox.setVgrow(views, Priority.ALWAYS);
        root.setCenter(center);
        root.setBottom(new StatusLine(model, deck.backward(), i18n));

        theme.addListener((o, a, t) -> applyTheme(t));
        colourBlindSafe.addListener((o, a, on) -> applyTheme(theme.get()));
        applyTheme(theme.get());
        i18n.localeProperty().addListener((o, a, l) -> applyFont(l));
        applyFont(i18n.locale());

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                double dt = lastTick == 0 ? 0 : (now - lastTick) / 1e9;
                lastTick = now;
                model.tick(Math.min(dt, 0.25));
            }
        };
    }

    private static VBox pane(Label caption, Node view) {
        VBox box = new VBox(caption, view);
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
        // a second line rather than an ellipsis: the shape and the blow-up are what the caption is for, on a
        // projector and in an exported picture alike
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.textProperty().bind(i18n.bind(text, model.frameProperty()));
        return l;
    }

    private String inputCaption() {
        Frame f = model.frame();
        if (f == null) {
            return i18n.get("caption.input.empty");
        }
        Geometry g = f.geometry();
        return i18n.get("caption.input", g.n(), g.c(), g.h(), g.w(), g.h() + 2 * g.ph(), g.w() + 2 * g.pw());
    }

    private String columnCaption() {
        Frame f = model.frame();
        if (f == null) {
            return i18n.get("caption.column.empty");
        }
        Geometry g = f.geometry();
        if (!f.layout().patchMajor()) { // the grid drawn is the layout's, not (N·OH·OW) × (C·KH·KW)
            ColumnGrid grid = ColumnGrid.of(g, f.layout());
            return i18n.get("caption.column.layout", grid.shape(", ", d -> i18n.number(d, 0)),
                    i18n.number(grid.rows(), 0), i18n.number(grid.cols(), 0), f.layout().label(),
                    i18n.ratio(g.blowUp()));
        }
        return i18n.get("caption.column", i18n.number(g.patchCount(), 0), i18n.number(g.patchSize(), 0),
                f.layout().label(), i18n.ratio(g.blowUp()));
    }

    /** The theme hook: AtlantaFX for the controls, a palette for the canvases, a style class for our CSS. */
    private void applyTheme(AppTheme t) {
        javafx.application.Application.setUserAgentStylesheet(t.userAgentStylesheet());
        palette.set(t.palette(colourBlindSafe.get()));
        root.getStyleClass().removeAll("light", "dark");
        root.getStyleClass().add(t.dark() ? "dark" : "light");
    }

    private void applyFont(Locale l) {
        boolean korean = l.getLanguage().equals("ko") && Fonts.loadKorean();
        root.setStyle(korean ? "-fx-font-family: '" + Fonts.KOREAN_FAMILY + "';" : "");
    }

    /** A scene with the stylesheets and keyboard handling installed. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/unfold/app/view/unfold.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        // A focused control that leaves the scene with its view (GEMM's "Animate col2im of gcol" switches views)
        // hands the focus to the scene's first control, unseen: a switch or slider where the arrows would change
        // the view or N. The views take it instead, and the arrows step the animation.
        scene.focusOwnerProperty().addListener((o, old, now) -> {
            if (old != null && old.getScene() == null && viewArea.getScene() == scene) {
                Platform.runLater(viewArea::requestFocus);
            }
        });
        return scene;
    }

    /** Lets the animation run: the timer ticks only while playing, so an idle window costs no pulses. */
    public void startAnimation() {
        animate = true;
        model.playingProperty().removeListener(playing);
        model.playingProperty().addListener(playing);
        if (model.playingProperty().get()) {
            lastTick = 0;
            timer.start();
        }
    }

    public void stopAnimation() {
        animate = false;
        model.playingProperty().removeListener(playing);
        timer.stop();
    }

    private void playingChanged(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
        if (now && animate) {
            lastTick = 0;
            timer.start();
        } else if (!now) {
            timer.stop();
        }
    }

    public ObjectProperty<AppTheme> themeProperty() {
        return theme;
    }

    /** Channel and highlight colours from the Okabe–Ito set (see {@link Palette#colourBlindSafe()}). */
    public javafx.beans.property.BooleanProperty colourBlindSafeProperty() {
        return colourBlindSafe;
    }

    /** The palette the canvases draw with now. */
    public javafx.beans.value.ObservableValue<Palette> paletteProperty() {
        return palette;
    }

    /** False hides the parameter panel, e.g. to give a projector's width to the views. */
    public javafx.beans.property.BooleanProperty paramsShownProperty() {
        return paramsShown;
    }

    /** Puts a menu bar above the tool bar. */
    public void setMenuBar(javafx.scene.control.MenuBar menuBar) {
        this.menuBar = menuBar;
        root.setTop(new VBox(menuBar, topBar));
    }

    /** The views with their captions, without panels or transport: what an export for slides shows. */
    public Node viewArea() {
        return viewArea;
    }

    public Parent root() {
        return root;
    }

    public InputView inputView() {
        return inputView;
    }

    public ColumnView columnView() {
        return columnView;
    }

    public ParamPanel params() {
        return params;
    }

    public TransportBar transport() {
        return transport;
    }

    public FormulaPanel formula() {
        return formula;
    }

    /** The col2im and GEMM views and their model. */
    public ViewDeck deck() {
        return deck;
    }

    /** Stops the background work the window started beyond the main model's. */
    public void close() {
        deck.close();
    }

    /** Whether a press lands on something that takes keys itself: a button, a field, a slider, a canvas. */
    private static boolean insideControl(Object target) {
        for (Node n = target instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.ButtonBase || n instanceof TextInputControl || n instanceof Slider
                    || n instanceof Spinner || n instanceof ComboBoxBase || n instanceof javafx.scene.control.ScrollBar
                    || n instanceof javafx.scene.canvas.Canvas) { // canvases take the focus themselves
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the menu bar takes the keys: a menu is open, or F10 or Alt started the menu bar's keyboard mode,
     * in which its skin lights one title as if hovered while the focus owner stays where it was. A title lit
     * while the pointer is away from the bar is that mode.
     */
    private boolean menuBarHasKeys() {
        if (menuBar == null) {
            return false;
        }
        return menuBar.getMenus().stream().anyMatch(javafx.scene.control.Menu::isShowing)
                || !menuBar.isHover() && menuBar.lookupAll(".menu-button").stream().anyMatch(Node::isHover);
    }

    private void key(KeyEvent e) {
        if (menuBarHasKeys()) {
            return;
        }
        Node focus = root.getScene() == null ? null : root.getScene().getFocusOwner();
        boolean typing = focus instanceof TextInputControl;
        // a parameter box's Spinner keeps the focus and only shows it on its text field, where the keys go: a minus
        // or plus sign typed there belongs to the number, not to the column matrix's zoom
        boolean inBox = typing || focus instanceof Spinner<?> s && s.isEditable();
        boolean adjusting = typing || focus instanceof Slider || focus instanceof Spinner
                || focus instanceof ComboBoxBase
                || focus instanceof javafx.scene.control.ToggleButton t && t.getToggleGroup() != null; // arrows pick
        KeyCode k = e.getCode();
        if (k == KeyCode.SPACE && !typing) {
            model.togglePlay();
        } else if (k == KeyCode.RIGHT && !adjusting) {
            model.stepForward();
        } else if (k == KeyCode.LEFT && !adjusting) {
            model.stepBack();
        } else if ((k == KeyCode.PLUS || k == KeyCode.ADD || k == KeyCode.EQUALS) && !inBox) {
            model.zoomIn();
        } else if ((k == KeyCode.MINUS || k == KeyCode.SUBTRACT) && !inBox) {
            model.zoomOut();
        } else if (k == KeyCode.HOME && !adjusting) {
            model.seek(0);
        } else if (k == KeyCode.END && !adjusting) {
            model.seek(model.lengthProperty().get());
        } else if (k == KeyCode.ESCAPE && !typing) {
            model.togglePin(null);
        } else {
            return;
        }
        e.consume();
    }
}
