package dev.unfold;

import dev.unfold.app.AppOptions;
import dev.unfold.app.UnfoldApp;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.SettingsStore;
import java.util.Arrays;
import javafx.application.Application;

/**
 * Entry point of the jar. With no arguments, or only options (those start with "--"), it opens the
 * application; a first argument that is a word runs that command line tool instead.
 * This class must not extend {@link Application}: the JavaFX launcher refuses such a main class on the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("--")) {
            System.exit(dev.unfold.cli.Cli.run(args));
        }
        boolean reproducible = Arrays.stream(args).anyMatch(a -> a.startsWith("--screenshot")
                || a.equals("--frame-bench"));
        Settings base = reproducible ? Settings.defaults() : SettingsStore.user().load();
        AppOptions options;
        try {
            options = AppOptions.parse(args, base);
        } catch (AppOptions.BadOption e) {
            System.err.println("unfold: " + e.getMessage() + commandHint(args));
            System.exit(2);
            return;
        }
        if (options.helpShown()) {
            return;
        }
        if (options.headless()) {
            // must be set before the toolkit starts: Monocle's headless screen and the software renderer
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // the headless screen is 1280x800 unless told otherwise, and a larger window overflows it; no larger
            // than needed, since every frame is composed into it
            double[] size = options.windowSize();
            System.setProperty("headless.geometry", size == null ? "1600x960-32"
                    : (int) size[0] + "x" + (int) size[1] + "-32");
            System.setProperty("java.awt.headless", "true");
        }
        if (options.frameBench()) {
            // pulses as fast as frames can be made, so that pulse-to-pulse time is the cost of a frame
            System.setProperty("javafx.animation.fullspeed", "true");
        }
        String noDisplay = options.headless() ? null : missingDisplay(System.getProperty("os.name", ""),
                System.getenv("DISPLAY"));
        if (noDisplay != null) {
            System.err.println("unfold: " + noDisplay);
            System.exit(2);
            return;
        }
        preloadClasses();
        try {
            UnfoldApp.launch(options, args);
        } catch (RuntimeException e) { // the toolkit could not start: one line, not its stack trace
            System.err.println("unfold: cannot open the window: " + dev.unfold.core.FailureText.oneLine(e));
            System.exit(2);
        }
    }

    /** Where a command's name follows window options, as in "--backend cpu im2col …": say where its options go. */
    static String commandHint(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            // after an option's value, not as one ("--view col2im" names a view)
            boolean aValue = args[i - 1].startsWith("--") && !args[i - 1].contains("=");
            if (!aValue && java.util.List.of("im2col", "col2im", "info", "bench", "render", "help").contains(a)) {
                return "; to run " + a + ", give it first and its options after it: unfold " + a + " [options]";
            }
        }
        return "";
    }

    /**
     * Why the window cannot open here, or null: on Linux and other X11 systems JavaFX draws through an X server
     * (XWayland included) and fails with a stack trace when DISPLAY names none.
     */
    static String missingDisplay(String osName, String display) {
        boolean x11 = !osName.startsWith("Windows") && !osName.startsWith("Mac");
        if (!x11 || (display != null && !display.isBlank())) {
            return null;
        }
        return "no display to open the window on (DISPLAY is not set); run a command instead ('unfold -h' lists "
                + "them), or render the window to a file with --screenshot FILE.png";
    }

    /**
     * Loads the window's classes on a second core while the toolkit starts on this one: loading and verifying
     * them is a large part of the time to the first frame. Loading without initialising touches no toolkit state.
     */
    private static void preloadClasses() {
        String[] names = {
            "javafx.scene.control.Button", "javafx.scene.control.skin.ButtonSkin",
            "javafx.scene.control.Slider", "javafx.scene.control.skin.SliderSkin",
            "javafx.scene.control.Spinner", "javafx.scene.control.skin.SpinnerSkin",
            "javafx.scene.control.ComboBox", "javafx.scene.control.skin.ComboBoxListViewSkin",
            "javafx.scene.control.MenuButton", "javafx.scene.control.skin.MenuButtonSkin",
            "javafx.scene.control.ToggleButton", "javafx.scene.control.skin.ToggleButtonSkin",
            "javafx.scene.control.ScrollPane", "javafx.scene.control.skin.ScrollPaneSkin",
            "javafx.scene.control.SplitPane", "javafx.scene.control.skin.SplitPaneSkin",
            "javafx.scene.control.Label", "javafx.scene.control.skin.LabelSkin",
            "javafx.scene.control.Hyperlink", "javafx.scene.control.skin.HyperlinkSkin",
            "javafx.scene.control.Tooltip", "javafx.scene.control.skin.TooltipSkin",
            "javafx.scene.control.ProgressIndicator", "javafx.scene.control.skin.ProgressIndicatorSkin",
            "javafx.scene.control.ScrollBar", "javafx.scene.control.skin.ScrollBarSkin",
            "javafx.scene.control.TextField", "javafx.scene.control.skin.TextFieldSkin",
            "javafx.scene.canvas.Canvas", "javafx.scene.canvas.GraphicsContext",
            "org.controlsfx.control.SegmentedButton", "impl.org.controlsfx.skin.SegmentedButtonSkin",
            "org.kordamp.ikonli.javafx.FontIcon", "org.kordamp.ikonli.material2.Material2AL",
            "org.kordamp.ikonli.material2.Material2MZ", "atlantafx.base.theme.PrimerLight",
            "dev.unfold.app.view.MainWindow", "dev.unfold.app.view.ParamPanel", "dev.unfold.app.view.TopBar",
            "dev.unfold.app.view.TransportBar", "dev.unfold.app.view.FormulaPanel",
            "dev.unfold.app.view.ColumnView", "dev.unfold.app.view.InputView", "dev.unfold.app.model.MainModel",
            "dev.unfold.cpu.CpuBackend", "dev.unfold.core.trace.Traces",
        };
        Thread t = new Thread(() -> {
            ClassLoader loader = Launcher.class.getClassLoader();
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // only a head start: the class loads normally when first used
                }
            }
        }, "unfold-preload");
        t.setDaemon(true);
        t.start();
    }
}
