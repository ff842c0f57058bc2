package dev.unfold.app.view;

import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.AnimationPlan;
import dev.unfold.app.model.ExportArray;
import dev.unfold.app.model.MainModel;
import dev.unfold.export.CancelToken;
import dev.unfold.export.CsvExport;
import dev.unfold.export.ExportCancelledException;
import dev.unfold.export.FileExport;
import dev.unfold.export.GifExport;
import dev.unfold.export.PngExport;
import dev.unfold.export.PngSequenceExport;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * Saves what the window shows for slides and notebooks: the view as a PNG at 1×, 2× or 3×, the animation
 * as an animated GIF or numbered PNG frames (drawn by the real view, step by step), and the frame's arrays
 * as {@code .npy} or CSV straight from the core's buffers. Writing happens on a background thread; an export
 * that takes longer than a moment shows its progress with a Cancel button. Whatever happens, the export
 * libraries write through temporary files, so a failed or cancelled export leaves nothing behind; the
 * outcome is told in a notice, failures with their reason in the window's language.
 */
public final class Exporter {

    /** Array file formats. */
    public enum Format {
        NPY("npy"), CSV("csv");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private final MainWindow window;
    private final MainModel model;
    private final I18n i18n;
    private final Notices notices;
    private final UnaryOperator<OutputStream> streams;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "unfold-export");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private Stage progress;

    /** {@code streams} wraps every file's stream; the application passes the identity. */
    public Exporter(MainWindow window, MainModel model, I18n i18n, Notices notices,
                    UnaryOperator<OutputStream> streams) {
        this.window = window;
        this.model = model;
        this.i18n = i18n;
        this.notices = notices;
        this.streams = streams;
    }

    /** True while an export runs; the menus offer no second one meanwhile. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The views as a PNG at {@code scale} (1 to 3). */
    public void png(Path target, int scale) {
        if (!canStart()) {
            return;
        }
        WritableImage picture = ViewSnapshot.take(window.viewArea(), scale);
        start(target, new Job() {
            @Override
            void run(CancelToken cancel) throws Exception {
                BufferedImage image = SwingFXUtils.fromFXImage(picture, null);
                new PngExport(streams).write(image, scale, target);
            }
        });
    }

    /** The animation as an animated GIF, one frame per position, at the model's speed, looping. */
    public void gif(Path target) {
        animation(target, true);
    }

    /** The animation as numbered PNG files in {@code folder}. */
    public void frames(Path folder) {
        animation(folder, false);
    }

    /** One of the frame's arrays, exactly as the core computed it. */
    public void array(ExportArray array, Format format, Path target) {
        if (!canStart()) {
            return;
        }
        start(target, new Job() {
            @Override
            void run(CancelToken cancel) throws Exception {
                if (format == Format.NPY) {
                    FileExport.write(target, streams, out -> Npy.writeTo(out, NdArray.of(array.values(), array.shape())));
                } else {
                    new CsvExport(streams).write(array.rows(), array.cols(), array.values(), array.header(), target,
                            this::progress, cancel);
                }
            }
        });
    }

    private void animation(Path target, boolean gif) {
        if (!canStart()) {
            return;
        }
        if (model.computingProperty().get() || !window.deck().ready()) {
            // its frames would be drawn from whatever the views hold as the new result arrives
            notices.info("notice.export.wait.title", i18n.get("notice.export.wait"));
            return;
        }
        long[] positions = AnimationPlan.positions(model.lengthProperty().get(),
                AnimationPlan.DEFAULT_MAX_FRAMES);
        AnimationFrames frames = new AnimationFrames(model, window.viewArea(), 1, positions);
        Duration delay = Duration.ofMillis(Math.round(1000 / Math.max(0.5, model.speedProperty().get())));
        start(target, new Job() {
            @Override
            void run(CancelToken cancel) throws Exception {
                if (gif) {
                    new GifExport(delay, true, streams).write(frames.count(), frames, target, this::progress, cancel);
                } else {
                    new PngSequenceExport(streams).write(frames.count(), frames, target, this::progress, cancel);
                }
            }

            @Override
            void done() {
                frames.close();
            }
        });
    }

    private boolean canStart() {
        return model.frame() != null && !busy.get();
    }

    /** One export: the work on the export thread, and what to undo on the FX thread afterwards. */
    private abstract static class Job {
        private JobTask task;

        abstract void run(CancelToken cancel) throws Exception;

        void done() {
        }

        final void progress(long done, long total) {
            task.updateProgressFromJob(done, total);
        }
    }

    private void start(Path target, Job job) {
        CancelToken cancel = new CancelToken();
        String name = target.getFileName() == null ? target.toString() : target.getFileName().toString();
        JobTask task = new JobTask(job, cancel);
        job.task = task;
        busy.set(true);
        task.setOnSucceeded(e -> finish(job, () -> notices.info("notice.saved.title",
                i18n.get("notice.saved", name, target.toAbsolutePath().getParent()))));
        task.setOnFailed(e -> finish(job, () -> {
            Throwable t = task.getException();
            if (t instanceof ExportCancelledException) {
                notices.info("notice.cancelled.title", i18n.get("notice.cancelled", name));
            } else {
                notices.error("notice.export.failed", ErrorText.of(t, i18n));
            }
        }));
        PauseTransition patience = new PauseTransition(javafx.util.Duration.millis(300));
        patience.setOnFinished(e -> {
            if (task.isRunning()) {
                showProgress(name, task, cancel);
            }
        });
        patience.play();
        worker.execute(task);
    }

    private void finish(Job job, Runnable tell) {
        job.done();
        if (progress != null) {
            progress.close();
            progress = null;
        }
        busy.set(false);
        tell.run();
    }

    private void showProgress(String name, Task<Void> task, CancelToken cancel) {
        Window owner = window.root().getScene() == null ? null : window.root().getScene().getWindow();
        Stage s = new Stage(StageStyle.UTILITY);
        if (owner != null) {
            s.initOwner(owner);
            s.initModality(Modality.WINDOW_MODAL);
        }
        s.titleProperty().bind(i18n.text("export.progress.title"));
        Label what = new Label(i18n.get("export.progress", name));
        what.setId("export-what");
        ProgressBar bar = new ProgressBar();
        bar.setId("export-progress");
        bar.setPrefWidth(380);
        bar.progressProperty().bind(task.progressProperty());
        bar.setAccessibleText(i18n.get("export.progress", name));
        Button stop = new Button();
        stop.setId("export-cancel");
        stop.textProperty().bind(i18n.text("export.cancel"));
        stop.setCancelButton(true);
        Controls.tip(stop, i18n, "export.cancel.tip");
        stop.setOnAction(e -> {
            cancel.cancel();
            stop.setDisable(true);
        });
        s.setOnCloseRequest(e -> {
            e.consume(); // the window goes when the export has stopped and cleaned up
            cancel.cancel();
            stop.setDisable(true);
        });
        VBox box = new VBox(12, what, bar, stop);
        box.setPadding(new Insets(18));
        box.getStyleClass().add("export-progress");
        Scene scene = new Scene(box);
        DialogStyle.copy(window, scene);
        s.setScene(scene);
        progress = s;
        s.show();
        stop.requestFocus();
    }

    /** A Task whose progress a Job may set from the export thread. */
    private static final class JobTask extends Task<Void> {
        private final Job job;
        private final CancelToken cancel;

        JobTask(Job job, CancelToken cancel) {
            this.job = job;
            this.cancel = cancel;
        }

        @Override
        protected Void call() throws Exception {
            job.run(cancel);
            return null;
        }

        void updateProgressFromJob(long done, long total) {
            updateProgress(done, total);
        }
    }
}
