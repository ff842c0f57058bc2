package dev.unfold.app;

import dev.unfold.core.Backends;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop application. */
public final class UnfoldApp extends Application {
    @Override
    public void start(Stage stage) {
        Label label = new Label("Unfold — im2col and col2im, animated");
        stage.setScene(new Scene(new StackPane(label), 960, 640));
        stage.setTitle("Unfold");
        stage.show();
    }
}
