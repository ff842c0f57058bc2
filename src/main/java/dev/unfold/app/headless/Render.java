package dev.unfold.app.headless;

import dev.unfold.app.AppOptions;
import dev.unfold.app.model.AnimationPlan;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.view.AnimationFrames;
import dev.unfold.app.view.MainWindow;
import dev.unfold.core.FailureText;
import dev.unfold.export.CancelToken;
import dev.unfold.export.ExportException;
import dev.unfold.export.GifExport;
import dev.unfold.export.PngSequenceExport;
import dev.unfold.export.TerminalProgressBar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The {@code render} command inside the toolkit: shows the real main window (on Monocle's headless screen),
 * waits for the first frame, then draws the animation position by position from the view, as the window's
 * own export does, into an animated GIF or a folder of numbered PNGs, with a progress bar on stderr.
 * Exits 0 when written, 2 with one line {@code unfold: …} when not; nothing half-written is left.
 */
public final class Render {

    /**
     * What to render.
     *
     * @param view      which view (each is the whole animation of its own trace)
     * @param out       a .gif file, or a folder for numbered PNGs
     * @param fps       frames per second of the GIF
     * @param scale     pixels per layout pixel: 1 to 3
     * @param maxFrames the most frames; a longer animation is sampled evenly, first and last kept
     */
    public record Job(ViewKind view, Path out, int fps, int scale, int maxFrames) {
        public boolean gif() {
            return out.getFileName() != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gif");
        }
    }

    private Render() {
    }

    public static void run(Stage stage, MainModel model, MainWindow window, AppOptions o, Job job) {
        double[] size = o.windowSize() != null ? o.windowSize()
                : new double[] {Screenshot.DEFAULT_WIDTH, Screenshot.DEFAULT_HEIGHT};
        Scene scene = window.createScene(size[0], size[1]);
        stage.setScene(scene);
        stage.setTitle("Unfold");
        stage.show();
        model.setView(job.view());
        model.start();
        Screenshot.whenDrawn(model, window, () -> {
            long[] positions = AnimationPlan.positions(model.lengthProperty().get(), job.maxFrames());
            AnimationFrames frames = new AnimationFrames(model, window.viewArea(), job.scale(), positions);
            Thread worker = new Thread(() -> {
                int code = export(job, frames);
                Platform.runLater(() -> {
                    frames.close();
                    Platform.exit();
                    System.exit(code);
                });
            }, "unfold-render");
            worker.setDaemon(true);
            worker.start();
        });
    }

    private static int export(Job job, AnimationFrames frames) {
        String label = job.out().getFileName() == null ? job.out().toString() : job.out().getFileName().toString();
        try (TerminalProgressBar bar = TerminalProgressBar.toStandardError(label)) {
            if (job.gif()) {
                new GifExport(Duration.ofMillis(Math.round(1000.0 / job.fps())), true)
                        .write(frames.count(), frames, job.out(), bar, new CancelToken());
            } else {
                new PngSequenceExport().write(frames.count(), frames, job.out(), bar, new CancelToken());
            }
            return 0;
        } catch (ExportException e) {
            return fail(e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail("cannot render " + job.out() + ": " + FailureText.oneLine(e));
        }
    }

    private static int fail(String message) {
        String line = message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        System.err.println("unfold: " + line.replaceAll("\\s*[\\r\\n]+\\s*", " "));
        return 2;
    }
}
