package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.Settings;
import dev.unfold.core.Backends;
import dev.unfold.cpu.CpuBackendProvider;
import dev.unfold.media.ImageImporter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.testfx.util.WaitForAsyncUtils;

/** The main window with the classroom features, as the application builds it, on Monocle's headless screen. */
abstract class ClassroomHarness {

    final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    final List<ClassroomSettings> saved = Collections.synchronizedList(new ArrayList<>());
    volatile UnaryOperator<OutputStream> streams = UnaryOperator.identity();
    MainModel model;
    MainWindow window;
    Classroom classroom;
    FrameComputer computer;
    I18n i18n;
    Stage stage;

    /** Each test class calls this from its own {@code @Start} method (TestFX does not look in superclasses). */
    void begin(Stage s) {
        begin(s, 1600, 960);
    }

    /** The same with a window of another size (a projector at 1024 × 768, say). */
    void begin(Stage s, double width, double height) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> errors.add(e));
        stage = s;
        Backends backends = new Backends(List.of(new CpuBackendProvider()));
        computer = new FrameComputer(backends);
        model = new MainModel(backends, computer, Platform::runLater, Settings.defaults());
        i18n = new I18n(Locale.ENGLISH);
        window = new MainWindow(model, i18n);
        classroom = new Classroom(window, model, i18n, ClassroomSettings.defaults(), saved::add,
                out -> streams.apply(out), new ImageImporter());
        s.setScene(window.createScene(width, height));
        s.sizeToScene(); // TestFX hands every class the same stage, perhaps resized by an earlier test
        s.show();
        model.start();
        window.startAnimation();
    }

    @AfterEach
    void closeAll() throws Exception {
        fxRun(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
        computer.close();
        assertEquals(List.of(), errors, "exceptions on the FX thread");
    }

    void settle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> model.frame() != null && !model.computingProperty().get());
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
    }

    void fxRun(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(20_000, r);
    }

    /**
     * Waits until the scene has been through two more pulses, so that a style or size change made before is
     * styled and laid out. waitForFxEvents alone does not see to that: pulses come on a timer, and on a loaded
     * machine six round trips through the FX queue can all run before the next one.
     */
    void pulses() {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2);
        Runnable listener = () -> {
            done.countDown();
            Platform.requestNextPulse();
        };
        fxRun(() -> {
            stage.getScene().addPostLayoutPulseListener(listener);
            Platform.requestNextPulse();
        });
        try {
            if (!done.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("no pulse in 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a pulse", e);
        } finally {
            fxRun(() -> stage.getScene().removePostLayoutPulseListener(listener));
        }
    }

    void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents(2);
    }

    /** Waits until the running export has finished, however it finished. */
    void exportDone() throws Exception {
        WaitForAsyncUtils.waitForFxEvents(2);
        waitFor(60, () -> !classroom.exporter().busyProperty().get());
    }

    /** A window (a ControlsFX notification) showing {@code text} somewhere in it, or null. */
    static Window windowShowing(String text) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w.isShowing() && w.getScene() != null && contains(w.getScene().getRoot(), text)) {
                return w;
            }
        }
        return null;
    }

    private static boolean contains(Node n, String text) {
        if (n instanceof Labeled l && l.getText() != null && l.getText().contains(text)) {
            return true;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                if (contains(c, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The app still answers: a step moves the animation and the view redraws. */
    void stillResponsive() throws Exception {
        long drawn = window.columnView().drawCount();
        long at = fx(model::position);
        fxRun(() -> model.seek(at == 0 ? 1 : at - 1));
        waitFor(10, () -> window.columnView().drawCount() > drawn);
        assertEquals(at == 0 ? 1 : at - 1, (long) fx(model::position));
    }

    /**
     * Saves what the headless screen shows (the window, and the notices, menus or dialogs over it, each
     * pictured from its own scene at its place), cut to the windows, under target/ui-shots for a person to
     * look at (assets/screenshots/make-screenshots.sh copies two into the README); no assertion depends on it.
     * Monocle's headless screen cannot be captured directly.
     */
    void keepForReview(String name) throws Exception {
        java.awt.image.BufferedImage screen = fx(() -> {
            javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getBounds();
            List<Window> windows = new ArrayList<>(Window.getWindows());
            windows.remove(stage);
            windows.add(0, stage);
            windows.removeIf(w -> !w.isShowing() || w.getScene() == null);
            double x0 = b.getMaxX();
            double y0 = b.getMaxY();
            double x1 = b.getMinX();
            double y1 = b.getMinY();
            for (Window w : windows) {
                double x = w.getX() + w.getScene().getX();
                double y = w.getY() + w.getScene().getY();
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x + w.getScene().getWidth());
                y1 = Math.max(y1, y + w.getScene().getHeight());
            }
            x0 = Math.max(x0, b.getMinX());
            y0 = Math.max(y0, b.getMinY());
            x1 = Math.min(x1, b.getMaxX());
            y1 = Math.min(y1, b.getMaxY());
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage((int) Math.ceil(x1 - x0),
                    (int) Math.ceil(y1 - y0), java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = out.createGraphics();
            for (Window w : windows) {
                javafx.scene.image.WritableImage img = w.getScene().snapshot(null);
                g.drawImage(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null),
                        (int) (w.getX() + w.getScene().getX() - x0), (int) (w.getY() + w.getScene().getY() - y0),
                        null);
            }
            g.dispose();
            return out;
        });
        Path out = Path.of("target", "ui-shots");
        Files.createDirectories(out);
        javax.imageio.ImageIO.write(screen, "png", out.resolve(name).toFile());
    }

    /** Every file under {@code dir}, names only, sorted: what "nothing left behind" compares. */
    static List<String> listing(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(s -> !s.isEmpty()).sorted().toList();
        }
    }

    /** Streams that fail as a full disk does once {@code budget} bytes have gone through them, all together. */
    static UnaryOperator<OutputStream> diskFullAfter(long budget) {
        AtomicLong left = new AtomicLong(budget);
        return out -> new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (left.addAndGet(-len) < 0) {
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }
        };
    }

    /**
     * Makes {@code folder} refuse new files: read-only permissions, and where the tests run as root (which
     * ignores them) the immutable attribute. Skips the test where neither works.
     */
    static AutoCloseable lock(Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = !canCreateIn(folder) || chattr("+i", folder);
        AutoCloseable unlock = () -> {
            if (immutable) {
                chattr("-i", folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        };
        if (canCreateIn(folder)) {
            unlock.close();
            Assumptions.abort("cannot make a folder unwritable on this machine");
        }
        return unlock;
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path folder) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
