package dev.unfold.app.model;

import dev.unfold.core.Backends;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A model whose results are delivered on the test thread, one {@link #settle()} at a time. */
final class ModelHarness implements AutoCloseable {
    final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    final Backends backends = new Backends(List.of(new CpuBackendProvider()));
    final FrameComputer computer = new FrameComputer(backends);
    final MainModel model;

    ModelHarness(Settings s) {
        model = new MainModel(backends, computer, inbox::add, s);
    }

    /** Runs delivered callbacks until no computation is pending. */
    void settle() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (model.computingProperty().get() || model.cudaAvailabilityProperty().get() == null && started) {
            Runnable r = inbox.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("model did not settle in 30 s");
            }
        }
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    private boolean started;

    void start() throws InterruptedException {
        started = true;
        model.start();
        settle();
    }

    @Override
    public void close() {
        computer.close();
    }
}
