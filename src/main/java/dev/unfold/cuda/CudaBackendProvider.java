package dev.unfold.cuda;

import dev.unfold.core.Availability;
import dev.unfold.core.Backend;
import dev.unfold.core.BackendProvider;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.cpu.CpuBackend;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code cuda} backend. Its probe opens the device and runs a small self-test against the CPU backend,
 * so "available" means the kernels ran here and gave the CPU's results, not merely that a driver answered.
 * The probed backend is kept for the first {@link #open()}, so a run that probes and then opens starts
 * CUDA once; unclaimed, it is closed after a while. Every driver step runs on a helper thread with a time
 * limit: a hung driver makes the probe say so, it never hangs the caller. The system property
 * {@code unfold.cuda.timeoutSeconds} sets the limit (20 s); the backends opened here wait for the device
 * that long, plus time for each call's work, before they give up on it.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** How long the probed backend waits for an {@link #open()} before it is closed. */
    static final Duration SPARE_LIFE = Duration.ofSeconds(60);

    /** The driver as a seam: loading it may throw LinkageError (no libcuda.so.1, or no JCuda natives). */
    interface DriverLoader {
        CudaDriver load();
    }

    private final DriverLoader loader;
    private final DeviceGemm.Factory gemms;
    private final Duration timeout;
    private final long stagingChunkBytes;
    private final Duration spareLife;
    private volatile Availability probed;
    /** The probe's backend until the first open() takes it or its time runs out; guarded by this. */
    private CudaBackend spare;

    public CudaBackendProvider() {
        this(JCudaDriverApi::load, CublasGemm::open, defaultTimeout(), Staging.DEFAULT_CHUNK_BYTES, SPARE_LIFE);
    }

    CudaBackendProvider(DriverLoader loader, DeviceGemm.Factory gemms, Duration timeout, long stagingChunkBytes) {
        this(loader, gemms, timeout, stagingChunkBytes, SPARE_LIFE);
    }

    CudaBackendProvider(DriverLoader loader, DeviceGemm.Factory gemms, Duration timeout, long stagingChunkBytes,
                        Duration spareLife) {
        this.loader = loader;
        this.gemms = gemms;
        this.timeout = timeout;
        this.stagingChunkBytes = stagingChunkBytes;
        this.spareLife = spareLife;
    }

    private static Duration defaultTimeout() {
        return Duration.ofSeconds(Math.max(1, Long.getLong("unfold.cuda.timeoutSeconds", 20)));
    }

    @Override
    public String name() {
        return "cuda";
    }

    /** Probes once per provider; later calls return the first answer. Never throws, never hangs. */
    @Override
    public Availability probe() {
        Availability a = probed;
        if (a == null) {
            synchronized (this) {
                if (probed == null) {
                    probed = runProbe();
                }
                a = probed;
            }
        }
        return a;
    }

    private Availability runProbe() {
        try {
            CudaBackend tested = withTimeout("probe", () -> {
                CudaBackend b = start();
                try {
                    selfTest(b);
                    return b;
                } catch (RuntimeException | Error e) {
                    b.close();
                    throw e;
                }
            });
            keepSpare(tested);
            return Availability.yes(tested.deviceLine());
        } catch (Throwable t) { // whatever a native library throws becomes the reason, never a crash
            return Availability.no(CudaFailures.reason(t));
        }
    }

    @Override
    public Backend open() throws BackendUnavailableException {
        Availability a = probe();
        if (!a.available()) {
            throw new BackendUnavailableException(a.detail());
        }
        CudaBackend probedBackend = takeSpare();
        if (probedBackend != null) {
            return probedBackend;
        }
        try {
            return withTimeout("start", this::start);
        } catch (Throwable t) {
            throw new BackendUnavailableException(CudaFailures.reason(t), t);
        }
    }

    private CudaBackend start() {
        return CudaBackend.open(loader.load(), gemms, stagingChunkBytes, timeout);
    }

    private synchronized void keepSpare(CudaBackend backend) {
        spare = backend;
        Executor later = CompletableFuture.delayedExecutor(spareLife.toMillis(), TimeUnit.MILLISECONDS,
                task -> daemon("unfold-cuda-release", task).start());
        later.execute(() -> {
            CudaBackend unclaimed = takeSpare();
            if (unclaimed != null) {
                unclaimed.close();
            }
        });
    }

    private synchronized CudaBackend takeSpare() {
        CudaBackend b = spare;
        spare = null;
        return b;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Runs {@code task} on a daemon thread and waits at most the time limit. A backend that arrives after
     * the caller gave up is closed, so nothing stays held.
     */
    private CudaBackend withTimeout(String what, Callable<CudaBackend> task) throws Throwable {
        Handoff handoff = new Handoff();
        FutureTask<Void> future = new FutureTask<>(() -> {
            handoff.deliver(task.call());
            return null;
        });
        daemon("unfold-cuda-" + what, future).start();
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return handoff.take();
        } catch (TimeoutException e) {
            CudaBackend justInTime = handoff.abandon();
            if (justInTime != null) {
                return justInTime;
            }
            throw new TimeoutException("the CUDA driver did not answer within " + CudaFailures.seconds(timeout) + " ("
                    + what + "); it may be hung or still initialising the GPU");
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            CudaBackend justInTime = handoff.abandon();
            if (justInTime != null) {
                justInTime.close();
            }
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the CUDA driver (" + what + ")");
        }
    }

    /**
     * A backend passed from the thread that starts it to the caller, who may give up waiting first.
     * Whichever side comes second settles it: a backend delivered after the caller gave up is closed; a
     * caller giving up after delivery gets the backend. So it is taken or closed, never dropped.
     */
    static final class Handoff {
        private CudaBackend delivered;
        private boolean abandoned;

        synchronized void deliver(CudaBackend backend) {
            if (abandoned) {
                backend.close();
            } else {
                delivered = backend;
            }
        }

        synchronized CudaBackend take() {
            return delivered;
        }

        /** Gives up waiting; returns the backend when it was delivered already, else null. */
        synchronized CudaBackend abandon() {
            abandoned = true;
            CudaBackend b = delivered;
            delivered = null;
            return b;
        }
    }

    /**
     * im2col in both kernel orders and col2im, in both element types, on a geometry with every feature
     * (N and C above 1, unequal kernel, stride, padding and dilation), compared with the CPU backend.
     */
    static void selfTest(CudaBackend cuda) {
        Geometry g = new Geometry(2, 3, 7, 6, 3, 2, 2, 1, 1, 2, 1, 2);
        Random random = new Random(1);
        float[] x = new float[g.inputSize()];
        double[] xd = new double[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() - 0.5f;
            xd[i] = random.nextDouble() - 0.5;
        }
        try (CpuBackend cpu = new CpuBackend(1)) {
            for (Layout layout : new Layout[] {Layout.ROWS, Layout.TENSOR}) {
                float[] col = cpu.im2col(g, layout, x);
                double[] cold = cpu.im2col(g, layout, xd);
                same(col, cuda.im2col(g, layout, x), () -> "im2col " + layout + " float32");
                same(cold, cuda.im2col(g, layout, xd), () -> "im2col " + layout + " float64");
                same(cpu.col2im(g, layout, col), cuda.col2im(g, layout, col), () -> "col2im " + layout + " float32");
                same(cpu.col2im(g, layout, cold), cuda.col2im(g, layout, cold), () -> "col2im " + layout + " float64");
            }
        }
    }

    private static void same(float[] cpu, float[] cuda, Supplier<String> what) {
        if (!Arrays.equals(cpu, cuda)) {
            throw new IllegalStateException("the CUDA self-test failed: " + what.get() + " differs from the CPU backend");
        }
    }

    private static void same(double[] cpu, double[] cuda, Supplier<String> what) {
        if (!Arrays.equals(cpu, cuda)) {
            throw new IllegalStateException("the CUDA self-test failed: " + what.get() + " differs from the CPU backend");
        }
    }
}
