package dev.unfold.app;

import dev.unfold.app.headless.FrameBench;
import dev.unfold.app.headless.Render;
import dev.unfold.app.headless.Screenshot;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.SettingsStore;
import dev.unfold.app.view.AppIcons;
import dev.unfold.app.view.Classroom;
import dev.unfold.app.view.ClassroomSettings;
import dev.unfold.app.view.MainWindow;
import dev.unfold.media.ImageImporter;
import dev.unfold.core.Backends;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The desktop application: the im2col visualizer window, or one of the headless tools its options ask for. */
public final class UnfoldApp extends Application {

    private static volatile AppOptions preparsed;
    private static volatile Render.Job renderJob;
    private static volatile long launchNanos;

    private FrameComputer computer;
    private MainWindow window;

    /** Starts the toolkit headless to render an animation (the {@code render} command), then exits. */
    public static void launchRender(AppOptions options, Render.Job job) {
        renderJob = job;
        launch(options, new String[0]);
    }

    /** Starts the toolkit with options the launcher has already checked. */
    public static void launch(AppOptions options, String[] args) {
        preparsed = options;
        launchNanos = System.nanoTime();
        Application.launch(UnfoldApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        long startEntered = System.nanoTime();
        AppOptions o = preparsed;
        if (o == null) { // started without the launcher, e.g. by a tool that knows only the Application class
            try {
                o = AppOptions.parse(getParameters().getRaw().toArray(String[]::new), SettingsStore.user().load());
            } catch (AppOptions.BadOption e) {
                System.err.println("unfold: " + e.getMessage());
                Platform.exit();
                return;
            }
        }
        // screenshots and renders come out the same on every machine: nothing remembered is used or saved
        boolean reproducible = o.screenshot() != null || o.frameBench() || renderJob != null;
        ClassroomSettingsStore classroomStore = reproducible ? null : ClassroomSettingsStore.user();
        ClassroomSettings remembered = reproducible ? ClassroomSettings.defaults() : classroomStore.load();
        Locale locale = o.locale() != null ? o.locale()
                : remembered.locale() != null ? remembered.locale() : I18n.systemDefault();
        I18n i18n = new I18n(locale);
        Backends backends = Backends.discover();
        computer = new FrameComputer(backends);
        MainModel model = new MainModel(backends, computer, Platform::runLater, o.settings());
        MainWindow window = new MainWindow(model, i18n);
        this.window = window;
        ClassroomOptions co = o.classroom();
        ClassroomSettings start = remembered.withTheme(o.themeGiven() ? o.theme() : remembered.theme());
        if (co.colourBlindSafe() != null) {
            start = start.withColourBlindSafe(co.colourBlindSafe());
        }
        Classroom classroom = new Classroom(window, model, i18n, start,
                reproducible ? s -> { } : classroomStore::save, UnaryOperator.identity(), new ImageImporter());
        if (o.locale() != null && !reproducible) {
            classroomStore.save(classroom.settings()); // a language asked for at start is remembered too
        }
        BackwardModel backward = window.deck().backward();
        SettingsStore store = reproducible ? null : SettingsStore.user();
        if (!reproducible) {
            backward.choose(store.loadBackward()); // what the command line names below still wins
        }
        o.viewOptions().applyTo(model, backward);
        if (!reproducible && o.viewOptions().view == null) {
            model.setView(o.settings().view()); // the view the last run ended in, unless --view names one
        }
        if (co.input() != null) { // an image given on the command line wins over --input
            model.setInput(co.input(), model.params());
        }
        window.paramsShownProperty().set(!co.hideParams());
        classroom.presentation().setPresenting(co.presentation());

        if (renderJob != null) {
            Render.run(stage, model, window, o, renderJob);
            return;
        }

        if (o.screenshot() != null) {
            Screenshot.render(stage, model, window, o);
            return;
        }
        if (o.frameBench()) {
            FrameBench.run(stage, model, window);
            return;
        }
        Settings.WindowBounds b = o.settings().window();
        double[] size = o.windowSize();
        // remembered on a larger screen (a laptop, then the lecture hall's 1024 × 768 projector): no larger than
        // this screen, and where the system likes when the old place is off it
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(size != null ? size[0] : b.width(), screen.getWidth());
        double height = Math.min(size != null ? size[1] : b.height(), screen.getHeight());
        Scene scene = window.createScene(width, height);
        stage.setScene(scene);
        // the title names the view, for a task bar or a window list on the lectern
        stage.titleProperty().bind(i18n.bind(() -> i18n.get("app.title", i18n.get(model.view().key())),
                model.viewProperty()));
        boolean onScreen = javafx.stage.Screen.getScreensForRectangle(b.x(), b.y(), Math.min(width, 100), 40)
                .size() > 0;
        if (Double.isFinite(b.x()) && Double.isFinite(b.y()) && onScreen) {
            stage.setX(Math.max(screen.getMinX(), Math.min(b.x(), screen.getMaxX() - width)));
            stage.setY(Math.max(screen.getMinY(), Math.min(b.y(), screen.getMaxY() - height)));
        }
        stage.setMaximized(b.maximized());
        AppIcons.addTo(stage);
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setOnHidden(e -> {
            store.save(model.settings(new Settings.WindowBounds(stage.getX(), stage.getY(),
                    stage.getWidth(), stage.getHeight(), stage.isMaximized())));
            store.saveBackward(backward.choices());
        });
        stage.show();
        window.columnView().requestFocus();
        model.start();
        if (o.step() != null) {
            model.seek(o.step());
        }
        window.startAnimation();
        if (o.startupTime()) {
            long shown = System.nanoTime();
            model.frameProperty().addListener((obs, a, f) -> frameArrived = System.nanoTime());
            reportFirstFrame(model, window, startEntered, shown);
        }
    }

    /** Prints the time from JVM start to the first pulse after the first frame was drawn, then exits. */
    private static volatile long frameArrived;

    private static void reportFirstFrame(MainModel model, MainWindow window, long startEntered, long shown) {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        new AnimationTimer() {
            private long drawnAt = -1;

            @Override
            public void handle(long now) {
                if (model.frame() != null && window.columnView().drawCount() > 0 && drawnAt < 0
                        && !model.computingProperty().get()) {
                    drawnAt = window.columnView().drawCount();
                    return; // the frame was drawn in this pulse's layout; the next pulse begins once it is shown
                }
                if (drawnAt >= 0) {
                    long ms = System.currentTimeMillis() - jvmStart;
                    long sinceLaunch = (System.nanoTime() - launchNanos) / 1_000_000;
                    System.out.println("start to first frame: " + ms + " ms from JVM start ("
                            + sinceLaunch + " ms from toolkit launch; toolkit up at "
                            + (startEntered - launchNanos) / 1_000_000 + " ms, window shown at "
                            + (shown - launchNanos) / 1_000_000 + " ms, first frame computed at "
                            + (frameArrived - launchNanos) / 1_000_000 + " ms)");
                    stop();
                    Platform.exit();
                    System.exit(0);
                }
            }
        }.start();
    }

    @Override
    public void stop() {
        if (computer != null) {
            computer.close();
        }
        if (window != null) {
            window.close();
        }
    }
}
