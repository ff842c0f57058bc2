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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The {@code cuda} backend. Its probe opens the device and runs a small self-test against the CPU backend,
 * so "available" means the kernels ran here and gave the CPU's results, not merely that a driver answered.
 * Every driver step runs on a helper thread with a time limit: a hung driver makes the probe say so, it
 * never hangs the caller. The system property {@code unfold.cuda.timeoutSeconds} sets the limit (20 s).
 */
public final class CudaBackendProvider implements BackendProvider {

    /** The driver as a seam: loading it may throw LinkageError (no libcuda.so.1, or no JCuda natives). */
    interface DriverLoader {
        CudaDriver load();
    }

    private final DriverLoader loader;
    private final DeviceGemm.Factory gemms;
    private final Duration timeout;
    private final long stagingChunkBytes;
    private volatile Availability probed;

    public CudaBackendProvider() {
        this(JCudaDriverApi::load, CublasGemm::open, defaultTimeout(), Staging.DEFAULT_CHUNK_BYTES);
    }

    CudaBackendProvider(DriverLoader loader, DeviceGemm.Factory gemms, Duration timeout, long stagingChunkBytes) {
        this.loader = loader;
        this.gemms = gemms;
        this.timeout = timeout;
        this.stagingChunkBytes = stagingChunkBytes;
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
            return Availability.yes(withTimeout("probe", () -> {
                try (CudaBackend b = start()) {
                    selfTest(b);
                    return b.deviceLine();
                }
            }));
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
        try {
            return withTimeout("start", this::start);
        } catch (Throwable t) {
            throw new BackendUnavailableException(CudaFailures.reason(t), t);
        }
    }

    private CudaBackend start() {
        return CudaBackend.open(loader.load(), gemms, stagingChunkBytes);
    }

    /**
     * Runs {@code task} on a daemon thread and waits at most the time limit. A task that finishes after the
     * caller gave up has its backend closed, so nothing stays held.
     */
    private <T> T withTimeout(String what, Callable<T> task) throws Throwable {
        AtomicBoolean abandoned = new AtomicBoolean();
        FutureTask<T> future = new FutureTask<>(() -> {
            T result = task.call();
            if (abandoned.get() && result instanceof AutoCloseable c) {
                c.close();
            }
            return result;
        });
        Thread worker = new Thread(future, "unfold-cuda-" + what);
        worker.setDaemon(true);
        worker.start();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            throw new TimeoutException("the CUDA driver did not answer within " + seconds(timeout) + " ("
                    + what + "); it may be hung or still initialising the GPU");
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the CUDA driver (" + what + ")");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
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
