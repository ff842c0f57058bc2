package dev.unfold.app.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/**
 * Gives the windows the main window opens (dialogs, help, progress) its look, and keeps it when the look
 * changes while they are open: its stylesheets (our styles, high contrast, the Korean font), the inline font
 * of its root, and the theme's style classes.
 */
final class DialogStyle {

    private static final List<String> SHARED_CLASSES = List.of("light", "dark", "presentation");

    private DialogStyle() {
    }

    static void copy(MainWindow window, Scene target) {
        Scene main = window.root().getScene();
        if (main != null) {
            Bindings.bindContent(target.getStylesheets(), main.getStylesheets());
        }
        style(window, target.getRoot());
    }

    static void copy(MainWindow window, DialogPane pane) {
        Scene main = window.root().getScene();
        if (main != null) {
            Bindings.bindContent(pane.getStylesheets(), main.getStylesheets());
        }
        style(window, pane);
    }

    private static void style(MainWindow window, Parent root) {
        Parent main = window.root();
        root.styleProperty().bind(main.styleProperty());
        root.getStyleClass().add("unfold-dialog");
        Runnable classes = () -> {
            root.getStyleClass().removeAll(SHARED_CLASSES);
            for (String c : SHARED_CLASSES) {
                if (main.getStyleClass().contains(c)) {
                    root.getStyleClass().add(c);
                }
            }
        };
        classes.run();
        main.getStyleClass().addListener((javafx.collections.ListChangeListener<String>) c -> classes.run());
    }
}
