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
            System.err.println("unfold: " + e.getMessage());
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
        UnfoldApp.launch(options, args);
    }
}
