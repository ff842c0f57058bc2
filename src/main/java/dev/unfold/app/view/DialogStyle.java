package dev.unfold.app.view;

import java.util.List;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/**
 * Gives the windows the main window opens (dialogs, help, progress) its look: its stylesheets (our styles,
 * high contrast, the Korean font), the inline font of its root, and the theme's style classes.
 */
final class DialogStyle {

    private static final List<String> SHARED_CLASSES = List.of("light", "dark", "presentation");

    private DialogStyle() {
    }

    static void copy(MainWindow window, Scene target) {
        Scene main = window.root().getScene();
        if (main != null) {
            target.getStylesheets().setAll(main.getStylesheets());
        }
        style(window, target.getRoot());
    }

    static void copy(MainWindow window, DialogPane pane) {
        Scene main = window.root().getScene();
        if (main != null) {
            pane.getStylesheets().setAll(main.getStylesheets());
        }
        style(window, pane);
    }

    private static void style(MainWindow window, Parent root) {
        Parent main = window.root();
        root.setStyle(main.getStyle());
        root.getStyleClass().add("unfold-dialog");
        for (String c : SHARED_CLASSES) {
            if (main.getStyleClass().contains(c) && !root.getStyleClass().contains(c)) {
                root.getStyleClass().add(c);
            }
        }
    }
}
