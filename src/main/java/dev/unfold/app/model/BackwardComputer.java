package dev.unfold.app.model;

import dev.unfold.core.Axis;
import dev.unfold.core.Backend;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Computes {@link BackwardFrame}s on a background thread of its own, latest request wins, like
 * {@link FrameComputer}: a request overtaken before it starts is skipped, and a result overtaken while it was
 * computed or on its way to the FX thread is dropped. The worker owns its backend.
 */
public final class BackwardComputer implements AutoCloseable {

    /** Everything a backward frame depends on. */
    public record Request(Geometry geometry, Layout layout, double[] input, TraceOrder order,
                          GradientPreset gradient, Weights weights, OutputGradientPreset outputGradient,
                          BackendChoice backend) {
    }

    private final Backends backends;
    private final ExecutorService worker;
    private final AtomicLong latest = new AtomicLong();
    private Backend backend; // worker thread only
    private BackendChoice openedFor;
    private String cudaUnavailable;

    public BackwardComputer(Backends backends) {
        this.backends = backends;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "unfold-backward");
            t.setDaemon(true);
            return t;
        });
    }

    public long submit(Request request, Consumer<Runnable> deliver, Consumer<BackwardFrame> done,
                       Consumer<String> failed) {
        long gen = latest.incrementAndGet();
        worker.execute(() -> {
            if (gen != latest.get()) {
                return;
            }
            try {
                BackwardFrame f = compute(gen, request);
                if (f != null && gen == latest.get()) {
                    deliver.accept(() -> {
                        if (gen == latest.get()) {
                            done.accept(f);
                        }
                    });
                }
            } catch (Throwable t) { // whatever a backend throws, the window stays up and says why
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

    private BackwardFrame compute(long gen, Request r) throws BackendUnavailableException {
        Geometry g = r.geometry();
        String problem = g.allocationProblem(DType.FLOAT64);
        if (problem != null) {
            throw new OutOfMemoryError(problem); // the window words it in its language, like running out
        }
        Backend b = backendFor(r.backend());
        Weights weights = r.weights();
        double[] w = weights.weight(g);
        double[] bias = weights.bias();
        long t0 = System.nanoTime();
        Conv2d conv = new Conv2d(b, g, weights.outChannels());
        double[] y = conv.forward(r.input(), w, bias);
        double[] gy = r.outputGradient().fill(g, weights.outChannels());
        Conv2d.Gradients grads = conv.backward(gy);
        double[] column = conv.column();
        double[] gradRows = r.gradient().rows(g, grads.column());
        double[] gradColumn = new double[gradRows.length];
        int k = g.patchSize();
        for (int row = 0; row < g.patchCount(); row++) {
            for (int tap = 0; tap < k; tap++) {
                gradColumn[r.layout().index(g, row, tap)] = gradRows[row * k + tap];
            }
        }
        double[] col2im = b.col2im(g, r.layout(), gradColumn);
        double[] roundTrip = b.col2im(g, Layout.ROWS, column);
        long nanos = System.nanoTime() - t0;

        Trace trace = Traces.of(g, r.layout(), r.order());
        int[] stepOfCell = new int[g.columnSize()];
        Arrays.fill(stepOfCell, -1);
        for (long s = 0, n = trace.length(); s < n; s++) {
            if ((s & 4095) == 0 && gen != latest.get()) {
                return null;
            }
            Move m = trace.move(s);
            stepOfCell[m.row() * k + m.tap()] = (int) s;
        }
        Col2imReplay.Checkpoints checkpoints = Col2imReplay.checkpoints(trace, gradColumn, () -> gen != latest.get());
        if (checkpoints == null) {
            return null;
        }
        Axis ya = g.yAxis();
        Axis xa = g.xAxis();
        int[] counts = new int[g.h() * g.w()];
        for (int yy = 0; yy < g.h(); yy++) {
            for (int xx = 0; xx < g.w(); xx++) {
                counts[yy * g.w() + xx] = ya.windowCount(yy) * xa.windowCount(xx);
            }
        }
        return new BackwardFrame(gen, g, r.layout(), r.order(), r.input(), column, w, bias, y, gy, grads,
                r.gradient(), gradColumn, col2im, trace, stepOfCell, checkpoints, counts, roundTrip,
                b.parts(), cudaUnavailable, nanos);
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
        if (worker.isShutdown()) {
            return;
        }
        latest.incrementAndGet();
        worker.submit(() -> {
            if (backend != null) {
                backend.close();
            }
        });
        worker.shutdown();
    }
}
