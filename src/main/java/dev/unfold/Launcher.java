package dev.unfold;

import dev.unfold.app.UnfoldApp;
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
        Application.launch(UnfoldApp.class, args);
    }
}
