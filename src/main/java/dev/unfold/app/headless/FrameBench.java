package dev.unfold.app.headless;

import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.app.view.MainWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@code --frame-bench}: drives the real window at 64×64 input, 5×5 kernel, stride 1, padding 2 (a 4096 × 25
 * column matrix) while the animation plays at full speed, and prints
 * <ul>
 * <li>frame time: pulse to pulse with JavaFX pulsing as fast as it can (javafx.animation.fullspeed), so each
 *     interval is the whole cost of a frame: model tick, canvas drawing, CSS, layout and rendering;</li>
 * <li>FX-thread work per frame: from the animation tick to the end of layout;</li>
 * <li>parameter change to screen: from a stride change to the start of the pulse after the one that drew
 *     the recomputed frame (a pulse starts only after the previous one has been rendered).</li>
 * </ul>
 */
public final class FrameBench {

    private static final int FRAMES = 600;
    private static final int CHANGES = 30;

    private FrameBench() {
    }

    public static void run(Stage stage, MainModel model, MainWindow window) {
        Scene scene = window.createScene(1600, 960);
        stage.setScene(scene);
        stage.show();
        Thread t = new Thread(() -> {
            int code = 0;
            try {
                measure(scene, model, window);
            } catch (Throwable e) {
                System.err.println("unfold: frame-bench failed: " + dev.unfold.core.FailureText.oneLine(e));
                code = 1;
            }
            int exit = code;
            Platform.runLater(() -> {
                Platform.exit();
                System.exit(exit);
            });
        }, "unfold-frame-bench");
        t.setDaemon(true);
        t.start();
    }

    private static void measure(Scene scene, MainModel model, MainWindow window) throws Exception {
        Params p = new Params(1, 1, 64, 64, 5, 5, 1, 1, 2, 2, 1, 1);
        fx(() -> {
            model.setParams(p);
            model.setSpeed(MainModel.MAX_SPEED);
            model.start();
            return null;
        });
        waitFor(() -> model.frame() != null && !model.computingProperty().get()
                && model.frame().geometry().equals(p.geometry()) && window.deck().ready(), 30);

        List<Long> ticks = Collections.synchronizedList(new ArrayList<>());
        List<Long> work = Collections.synchronizedList(new ArrayList<>());
        long[] tickStart = {0};
        Runnable postLayout = () -> {
            if (tickStart[0] != 0) {
                work.add(System.nanoTime() - tickStart[0]);
                tickStart[0] = 0;
            }
        };
        AnimationTimer recorder = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tickStart[0] = System.nanoTime();
                ticks.add(tickStart[0]);
                model.tick(1.0 / 60); // one 60 Hz frame's worth of steps per pulse, however fast pulses come
                if (!model.playingProperty().get()) {
                    model.play(); // loop: the bench wants the animation running the whole time
                }
            }
        };
        fx(() -> {
            window.stopAnimation(); // the recorder ticks the model itself
            scene.addPostLayoutPulseListener(postLayout);
            model.play();
            recorder.start();
            return null;
        });
        Thread.sleep(1500); // warm-up: JIT, glyph caches, textures
        ticks.clear();
        work.clear();
        waitFor(() -> ticks.size() > FRAMES, 60);
        fx(() -> {
            recorder.stop();
            scene.removePostLayoutPulseListener(postLayout);
            return null;
        });
        List<Double> frameMs = new ArrayList<>();
        synchronized (ticks) {
            for (int i = 1; i < ticks.size(); i++) {
                frameMs.add((ticks.get(i) - ticks.get(i - 1)) / 1e6);
            }
        }
        List<Double> workMs = new ArrayList<>();
        synchronized (work) {
            work.forEach(w -> workMs.add(w / 1e6));
        }

        List<Double> latency = new ArrayList<>();
        boolean im2col = model.view() == dev.unfold.app.model.ViewKind.IM2COL; // the latency probe watches its canvas
        for (int i = 0; i < CHANGES && im2col; i++) {
            int stride = i % 2 == 0 ? 2 : 1;
            latency.add(changeToScreen(model, window, stride));
        }
        String load;
        try {
            load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            load = "unknown";
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %s%n",
                Runtime.getRuntime().availableProcessors(), load);
        String pipeline = System.getProperty("prism.order", "default");
        String glass = System.getProperty("glass.platform", "native");
        String what = im2col ? "order " + model.order().label() : "view " + model.view().name().toLowerCase(Locale.ROOT)
                + ", order " + window.deck().backward().order().label();
        System.out.printf(Locale.ROOT, "frame-bench: 64x64 input, 5x5 kernel, stride 1, pad 2 -> column 4096 x 25; "
                + "%s at %.0f steps/s; glass %s, prism %s%n", what, MainModel.MAX_SPEED, glass, pipeline);
        System.out.printf(Locale.ROOT, "frame time (pulse to pulse, full-speed pulses): p50 %.2f ms  p95 %.2f ms  "
                + "max %.2f ms  over %d frames  (target p95 <= 16.7 ms)%n",
                pct(frameMs, 50), pct(frameMs, 95), pct(frameMs, 100), frameMs.size());
        System.out.printf(Locale.ROOT, "FX-thread work per frame (tick to end of layout): p50 %.2f ms  p95 %.2f ms%n",
                pct(workMs, 50), pct(workMs, 95));
        if (im2col) {
            System.out.printf(Locale.ROOT, "parameter change to screen (stride 1 <-> 2, while playing): p50 %.1f ms  "
                    + "p95 %.1f ms  max %.1f ms  over %d changes  (target <= 50 ms)%n",
                    pct(latency, 50), pct(latency, 95), pct(latency, 100), latency.size());
        }
    }

    /** Milliseconds from a stride change to the start of the pulse after the one that drew its frame. */
    private static double changeToScreen(MainModel model, MainWindow window, int stride) throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        long[] t = new long[2];
        fx(() -> {
            AnimationTimer watch = new AnimationTimer() {
                private long drawsWhenArrived = -1;

                @Override
                public void handle(long now) {
                    model.tick(1.0 / 60);
                    if (drawsWhenArrived < 0) {
                        boolean arrived = model.frame() != null && model.frame().geometry().sh() == stride
                                && !model.computingProperty().get();
                        if (arrived) {
                            drawsWhenArrived = window.columnView().drawCount(); // it draws later in this pulse
                        }
                    } else if (window.columnView().drawCount() > drawsWhenArrived) {
                        t[1] = System.nanoTime(); // this pulse began after the drawing pulse was rendered
                        stop();
                        shown.countDown();
                    }
                }
            };
            if (!model.playingProperty().get()) {
                model.play();
            }
            t[0] = System.nanoTime();
            model.set(ParamKey.SH, stride);
            watch.start();
            return null;
        });
        if (!shown.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a stride change did not reach the screen within 10 s");
        }
        Thread.sleep(50);
        return (t[1] - t[0]) / 1e6;
    }

    private static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(Supplier<Boolean> condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!fx(condition::get)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }
}
