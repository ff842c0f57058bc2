package dev.unfold.app.view;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ExportArray;
import dev.unfold.app.model.MainModel;
import dev.unfold.media.ImageImporter;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The classroom features, put onto a {@link MainWindow}: the menu bar (File, View, Help), images as input
 * (menu and drag and drop), exports, presentation mode, themes and the colour-blind-safe palette, the
 * language, help and About. It attaches itself to the window's scene and stage when they appear, so the same
 * window shows it on screen and in headless screenshots. Changes of language, theme and palette are
 * remembered through {@code store}.
 */
public final class Classroom {

    static final String HIGH_CONTRAST_CSS = "/dev/unfold/app/view/high-contrast.css";
    static final String KOREAN_CSS = "/dev/unfold/app/view/korean.css";

    private final MainWindow window;
    private final MainModel model;
    private final I18n i18n;
    private final Consumer<ClassroomSettings> store;
    private ClassroomSettings settings;
    private final Notices notices;
    private final Exporter exporter;
    private final ImageLoader images;
    private final Presentation presentation;
    private final HelpWindow help;
    private final MenuBar menuBar;
    private Scene scene;

    /**
     * @param streams  wraps every exported file's stream (identity in the application)
     * @param importer opens image files, with its pixel limit
     */
    public Classroom(MainWindow window, MainModel model, I18n i18n, ClassroomSettings initial,
                     Consumer<ClassroomSettings> store, UnaryOperator<OutputStream> streams, ImageImporter importer) {
        this.window = window;
        this.model = model;
        this.i18n = i18n;
        this.store = store;
        this.settings = initial.withLocale(i18n.locale());
        this.notices = new Notices(i18n, this::owner);
        this.exporter = new Exporter(window, model, i18n, notices, streams);
        this.images = new ImageLoader(window, model, i18n, notices, () -> settings, this::remember, importer);
        this.presentation = new Presentation(window, model, i18n);
        this.help = new HelpWindow(window, i18n);
        window.themeProperty().set(initial.theme());
        window.colourBlindSafeProperty().set(initial.colourBlindSafe());
        menuBar = new AppMenuBar(this, window, model, i18n).build();
        window.setMenuBar(menuBar);
        images.acceptDrops(window.inputView());
        window.inputView().accessibleTextProperty().bind(i18n.text("view.input.a11y"));
        window.columnView().accessibleTextProperty().bind(i18n.text("view.column.a11y"));
        nameFromTooltips(window.root());

        window.themeProperty().addListener((o, a, t) -> {
            sceneStyles();
            remember(settings.withTheme(t));
        });
        window.colourBlindSafeProperty().addListener((o, a, on) -> remember(settings.withColourBlindSafe(on)));
        i18n.localeProperty().addListener((o, a, l) -> {
            sceneStyles();
            remember(settings.withLocale(l));
        });
        window.root().sceneProperty().addListener((o, a, s) -> attach(s));
        if (window.root().getScene() != null) {
            attach(window.root().getScene());
        }
    }

    // ---- parts ---------------------------------------------------------------------------------------

    public Notices notices() {
        return notices;
    }

    public Exporter exporter() {
        return exporter;
    }

    public ImageLoader images() {
        return images;
    }

    public Presentation presentation() {
        return presentation;
    }

    public HelpWindow help() {
        return help;
    }

    public MenuBar menuBar() {
        return menuBar;
    }

    public ClassroomSettings settings() {
        return settings;
    }

    // ---- commands ------------------------------------------------------------------------------------

    public void setLanguage(Locale l) {
        i18n.setLocale(l);
    }

    public void setTheme(AppTheme t) {
        window.themeProperty().set(t);
    }

    public void setColourBlindSafe(boolean on) {
        window.colourBlindSafeProperty().set(on);
    }

    /** Asks for an image file, then opens it. */
    public void chooseImage() {
        FileChooser c = chooser("choose.image");
        List<String> patterns = ImageImporter.EXTENSIONS.stream().map(e -> "*." + e).toList();
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get("choose.image.filter"), patterns));
        File f = c.showOpenDialog(owner());
        if (f != null) {
            remember(settings.withFolder(f.toPath().toAbsolutePath().getParent()));
            images.open(f.toPath());
        }
    }

    /** Asks where to save the view as a PNG at {@code scale}. */
    public void choosePng(int scale) {
        Path p = saveAs("unfold-view" + (scale > 1 ? "@" + scale + "x" : "") + ".png", "png");
        if (p != null) {
            exporter.png(p, scale);
        }
    }

    public void chooseGif() {
        Path p = saveAs("unfold-animation.gif", "gif");
        if (p != null) {
            exporter.gif(p);
        }
    }

    /** Asks for the name of a new folder for the numbered frames. */
    public void chooseFrames() {
        Path p = saveAs("unfold-frames", null);
        if (p != null) {
            exporter.frames(p);
        }
    }

    public void chooseArray(ExportArray a, Exporter.Format f) {
        Path p = saveAs(a.stem() + "." + f.extension(), f.extension());
        if (p != null) {
            exporter.array(a, f, p);
        }
    }

    public void showAbout() {
        ButtonType close = new ButtonType(i18n.get("dialog.close"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", close);
        about.contentTextProperty().bind(i18n.text("about.text"));
        about.titleProperty().bind(i18n.text("about.title"));
        about.headerTextProperty().bind(i18n.text("about.header", dev.unfold.cli.Version.current()));
        ((javafx.scene.control.Button) about.getDialogPane().lookupButton(close)).textProperty()
                .bind(i18n.text("dialog.close"));
        about.getDialogPane().setId("about");
        about.getDialogPane().setMinWidth(520);
        if (owner() != null) {
            about.initOwner(owner());
        }
        DialogStyle.copy(window, about.getDialogPane());
        about.show();
    }

    public void quit() {
        Window w = owner();
        if (w != null) {
            w.hide();
        }
    }

    // ---- internals -----------------------------------------------------------------------------------

    private void remember(ClassroomSettings s) {
        if (!s.equals(settings)) {
            settings = s;
            store.accept(s);
        }
    }

    /** Controls given a tooltip by hand, not through {@link Controls#tip}, are named by it for screen readers too. */
    private static void nameFromTooltips(javafx.scene.Node n) {
        if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null
                && !c.accessibleTextProperty().isBound() && c.getAccessibleText() == null
                && !(c instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank())) {
            c.accessibleTextProperty().bind(c.getTooltip().textProperty());
        }
        if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(Classroom::nameFromTooltips);
        }
    }

    private Window owner() {
        return window.root().getScene() == null ? null : window.root().getScene().getWindow();
    }

    private void attach(Scene s) {
        if (s == null || s == scene) {
            return;
        }
        scene = s;
        sceneStyles();
        s.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), presentation::toggle);
        s.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            javafx.scene.Node focus = s.getFocusOwner();
            if (e.getCode() == KeyCode.P && !typing(focus) && !e.isShortcutDown() && !e.isAltDown()) {
                presentation.toggleParameters();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && focus instanceof javafx.scene.control.ButtonBase b
                    && !e.isShortcutDown() && !e.isAltDown()) {
                // Space plays and pauses wherever the focus is, so Enter presses the focused button
                b.fire();
                e.consume();
            }
        });
        s.windowProperty().addListener((o, a, w) -> {
            if (w instanceof Stage st) {
                presentation.attach(st);
            }
        });
        if (s.getWindow() instanceof Stage st) {
            presentation.attach(st);
        }
    }

    /** True where a key is a character being typed: text fields, and the number boxes. */
    private static boolean typing(javafx.scene.Node focus) {
        return focus instanceof TextInputControl
                || focus instanceof javafx.scene.control.Spinner<?> sp && sp.isEditable()
                || focus instanceof javafx.scene.control.ComboBox<?> cb && cb.isEditable();
    }

    /**
     * High contrast and the Korean font as scene stylesheets, not on the root: menus, tooltips and notices are
     * windows of their own that take the owner scene's stylesheets when they open, and need both.
     */
    private void sceneStyles() {
        if (scene == null) {
            return;
        }
        toggle(HIGH_CONTRAST_CSS, window.themeProperty().get() == AppTheme.HIGH_CONTRAST);
        toggle(KOREAN_CSS, i18n.locale().getLanguage().equals("ko") && Fonts.loadKorean());
    }

    private void toggle(String resource, boolean on) {
        String url = Classroom.class.getResource(resource).toExternalForm();
        if (on && !scene.getStylesheets().contains(url)) {
            scene.getStylesheets().add(url);
        } else if (!on) {
            scene.getStylesheets().remove(url);
        }
    }

    private FileChooser chooser(String titleKey) {
        FileChooser c = new FileChooser();
        c.setTitle(i18n.get(titleKey));
        if (settings.folder() != null && Files.isDirectory(settings.folder())) {
            c.setInitialDirectory(settings.folder().toFile());
        }
        return c;
    }

    private Path saveAs(String suggested, String extension) {
        FileChooser c = chooser("choose.save");
        c.setInitialFileName(suggested);
        if (extension != null) {
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase(Locale.ROOT),
                    "*." + extension));
        }
        File f = c.showSaveDialog(owner());
        if (f == null) {
            return null;
        }
        Path p = f.toPath().toAbsolutePath();
        remember(settings.withFolder(p.getParent()));
        return p;
    }
}
