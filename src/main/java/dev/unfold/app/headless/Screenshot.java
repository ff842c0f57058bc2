package dev.unfold.app.headless;

import dev.unfold.app.AppOptions;
import dev.unfold.app.model.ComputeFailure;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.view.MainWindow;
import dev.unfold.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * {@code --screenshot}: shows the real main window (on Monocle's headless screen when there is no display),
 * waits until the frame for the requested settings and step is drawn, and writes the scene to a PNG through
 * a temporary file. Exits 0 when written, 1 when it could not be.
 */
public final class Screenshot {

    public static final double DEFAULT_WIDTH = 1600;
    public static final double DEFAULT_HEIGHT = 960;
    private static final long TIMEOUT_NANOS = 60_000_000_000L;

    private Screenshot() {
    }

    public static void render(Stage stage, MainModel model, MainWindow window, AppOptions o) {
        double[] size = o.windowSize() != null ? o.windowSize() : new double[] {DEFAULT_WIDTH, DEFAULT_HEIGHT};
        Scene scene = window.createScene(size[0], size[1]);
        stage.setScene(scene);
        stage.setTitle("Unfold");
        stage.show();
        window.columnView().requestFocus(); // where the application puts the keyboard at start
        model.start();
        if (o.step() != null) {
            model.seek(o.step());
        }
        whenDrawn(model, window, () -> {
            int code = write(scene, o.screenshot());
            Platform.exit();
            System.exit(code);
        });
    }

    /** Runs {@code then} a few pulses after the model's newest frame has reached both canvases. */
    public static void whenDrawn(MainModel model, MainWindow window, Runnable then) {
        long start = System.nanoTime();
        new AnimationTimer() {
            private int settled = -1;

            @Override
            public void handle(long now) {
                if (now - start > TIMEOUT_NANOS) {
                    stop();
                    System.err.println("unfold: the window did not finish drawing within 60 s");
                    Platform.exit();
                    System.exit(1);
                }
                String error = window.deck().computeError();
                if (error != null) { // nothing will be drawn: say why now, not after the minute's wait
                    stop();
                    System.err.println("unfold: could not compute: " + (ComputeFailure.OUT_OF_MEMORY.equals(error)
                            ? "out of memory; use smaller sizes, or raise -Xmx" : error));
                    Platform.exit();
                    System.exit(2);
                }
                boolean ready = model.frame() != null && !model.computingProperty().get() && window.deck().ready();
                if (!ready) {
                    settled = -1;
                    return;
                }
                if (++settled >= 3) { // layout, canvas draw and CSS have all had a pulse since the frame arrived
                    stop();
                    then.run();
                }
            }
        }.start();
    }

    static int write(Scene scene, Path out) {
        WritableImage image = scene.snapshot(null);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        try {
            AtomicFiles.write(out, stream -> {
                if (!ImageIO.write(png, "png", stream)) {
                    throw new IOException("no PNG writer available");
                }
            });
            return 0;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : dev.unfold.core.FailureText.oneLine(e);
            System.err.println("unfold: cannot write " + out + ": " + why);
            return 2;
        }
    }
}
