package dev.unfold.app.model;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Computes frames on one background thread, latest request wins: a request that is no longer the newest when
 * the worker reaches it is skipped, and a result that went stale while it was computed or on its way to the
 * FX thread is dropped, so a slider storm costs at most one computation beyond the last change and the
 * window never shows an older frame after a newer one.
 *
 * <p>The worker owns the open backend, so opening, switching and closing backends never races a computation.
 */
public final class FrameComputer implements AutoCloseable {

    /** Everything a frame depends on. */
    public record Request(Geometry geometry, Layout layout, TraceOrder order, BackendChoice backend,
                          InputSource input) {
    }

    private final Backends backends;
    private final ExecutorService worker;
    private final AtomicLong latest = new AtomicLong();
    private Backend backend; // worker thread only
    private BackendChoice openedFor;
    private String cudaUnavailable;

    public FrameComputer(Backends backends) {
        this.backends = backends;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "unfold-compute");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a computation; {@code done} or {@code failed} runs through {@code deliver} (the FX thread in the
     * app) only if no newer request was made meanwhile. Returns the request's generation.
     */
    public long submit(Request request, Consumer<Runnable> deliver, Consumer<Frame> done, Consumer<String> failed) {
        long gen = latest.incrementAndGet();
        worker.execute(() -> {
            if (gen != latest.get()) {
                return;
            }
            try {
                Frame f = compute(gen, request);
                if (gen == latest.get()) {
                    deliver.accept(() -> { // checked again on arrival: a newer request may have come meanwhile
                        if (gen == latest.get()) {
                            done.accept(f);
                        }
                    });
                }
            } catch (Throwable t) { // the window must survive whatever a backend throws, out of memory included
                if (gen == latest.get()) {
                    String reason = ComputeFailure.reason(t);
                    deliver.accept(() -> {
                        if (gen == latest.get()) {
                            failed.accept(reason);
                        }
                    });
                }
            }
        });
        return gen;
    }

    private Frame compute(long gen, Request r) throws BackendUnavailableException {
        Geometry g = r.geometry();
        String problem = g.allocationProblem(dev.unfold.core.DType.FLOAT64);
        if (problem != null) {
            throw new OutOfMemoryError(problem); // the window words it in its language, like running out
        }
        Backend b = backendFor(r.backend());
        double[] input = r.input().fill(g);
        double[] column = new double[g.columnSize()];
        long t0 = System.nanoTime();
        b.im2col(g, r.layout(), input, column);
        long nanos = System.nanoTime() - t0;
        Trace trace = Traces.of(g, r.layout(), r.order());
        int[] stepOfCell = new int[g.columnSize()];
        boolean[] padding = new boolean[g.columnSize()];
        int p = g.patchSize();
        for (long s = 0, n = trace.length(); s < n; s++) {
            if (gen != latest.get()) {
                throw new Stale();
            }
            Move m = trace.move(s);
            int cell = m.row() * p + m.tap();
            stepOfCell[cell] = (int) s;
            padding[cell] = m.padding();
        }
        double max = 1e-12;
        for (double v : input) {
            max = Math.max(max, Math.abs(v));
        }
        return new Frame(gen, g, r.layout(), r.order(), input, column, trace, stepOfCell, padding,
                b.parts(), cudaUnavailable, nanos, max);
    }

    private Backend backendFor(BackendChoice choice) throws BackendUnavailableException {
        if (backend != null && openedFor == choice) {
            return backend;
        }
        Backend old = backend;
        Backends.Selection s;
        try {
            s = backends.open(choice);
        } catch (BackendUnavailableException e) { // CUDA asked for but not usable: say so and use the CPU
            s = new Backends.Selection(backends.open(BackendChoice.CPU).backend(), e.getMessage());
        }
        backend = s.backend();
        openedFor = choice;
        cudaUnavailable = s.cudaUnavailable();
        if (old != null && old != backend) {
            old.close();
        }
        return backend;
    }

    @Override
    public void close() {
        worker.submit(() -> {
            if (backend != null) {
                backend.close();
            }
        });
        worker.shutdown();
    }

    /** Thrown inside the worker to abandon a computation a newer request has replaced. */
    private static final class Stale extends RuntimeException {
        Stale() {
            super("superseded", null, false, false);
        }
    }
}
