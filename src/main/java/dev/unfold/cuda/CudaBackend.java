package dev.unfold.cuda;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendParts;
import dev.unfold.core.FailureText;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.PhaseTimed;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.cuda.CudaDriver.Arg;
import dev.unfold.cuda.CudaDriver.Context;
import dev.unfold.cuda.CudaDriver.DeviceInfo;
import dev.unfold.cuda.CudaDriver.DeviceMemory;
import dev.unfold.cuda.CudaDriver.Event;
import dev.unfold.cuda.CudaDriver.Function;
import dev.unfold.cuda.CudaDriver.Module;
import dev.unfold.cuda.CudaDriver.Stream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * im2col and col2im on an NVIDIA GPU: the kernels of src/main/cuda/unfold_kernels.cu, loaded from their PTX
 * with the driver API, and cuBLAS for Conv2d's product. Results equal the CPU backend's bit for bit: the
 * kernels copy for im2col and, for col2im, add each input element's contributions in the CPU's order.
 *
 * <p>Each call copies its input to the device, runs one kernel and copies the result back, through pinned
 * staging buffers; device buffers are kept and grown, so repeated calls allocate nothing. Calls are
 * serialised: one stream, one set of buffers. A failure throws an IllegalStateException whose message is one
 * line; after a failure that stops the device (an illegal address, say), or a wait for it that outlasts the
 * {@link Watchdog}'s limit, every later call throws it again.
 */
public final class CudaBackend implements Backend, PhaseTimed {

    static final String PTX_RESOURCE = "unfold_kernels.ptx";
    /** The kernels CudaBackend launches, each an {@code extern "C"} entry of the PTX. */
    static final List<String> KERNELS = List.of(
            "im2col_tap_major_f32", "im2col_tap_major_f64", "im2col_rows_f32", "im2col_rows_f64", "col2im_f32", "col2im_f64");

    private final CudaDriver driver;
    private final int ordinal;
    private final DeviceInfo device;
    private final int driverVersion;
    private final Map<String, Function> kernels = new HashMap<>();
    /** Device copies of the image (N, C, H, W) and of the column matrix, whichever way a call goes. */
    private final DeviceBuffer image;
    private final DeviceBuffer columns;
    private final DeviceBuffer gemmA;
    private final DeviceBuffer gemmB;
    private final DeviceBuffer gemmC;
    private final Context context;
    private Module module;
    private Stream stream;
    private Event start;
    private Event end;
    private final Watchdog watchdog;
    private Staging staging;
    private DeviceGemm gemm;
    private String gemmUnavailable;
    private CpuBackend cpuProduct;
    private Phases last = new Phases(0, 0, 0);
    private String stopped;
    /** A synchronisation did not return: the device may still be running what this backend queued. */
    private boolean hung;
    private boolean closed;

    /**
     * Opens device 0: initialises the driver, loads the kernels, and cuBLAS when it can. A synchronisation
     * that takes longer than {@code syncLimit} plus time for the call's work (see {@link Watchdog}) stops
     * the backend.
     */
    static CudaBackend open(CudaDriver driver, DeviceGemm.Factory gemms, long stagingChunkBytes, Duration syncLimit) {
        driver.init();
        if (driver.deviceCount() < 1) {
            throw new CudaError(CudaError.NO_DEVICE, "cuDeviceGetCount");
        }
        return new CudaBackend(driver, 0, gemms, stagingChunkBytes, syncLimit);
    }

    private CudaBackend(CudaDriver driver, int ordinal, DeviceGemm.Factory gemms, long stagingChunkBytes,
                        Duration syncLimit) {
        this.driver = driver;
        this.ordinal = ordinal;
        this.image = new DeviceBuffer(driver);
        this.columns = new DeviceBuffer(driver);
        this.gemmA = new DeviceBuffer(driver);
        this.gemmB = new DeviceBuffer(driver);
        this.gemmC = new DeviceBuffer(driver);
        this.driverVersion = driver.driverVersion();
        this.device = driver.device(ordinal);
        context = driver.retainPrimaryContext(ordinal);
        watchdog = new Watchdog(driver, context, syncLimit);
        try {
            driver.makeCurrent(context);
            module = driver.loadModule(ptx());
            for (String name : KERNELS) {
                kernels.put(name, driver.function(module, name));
            }
            stream = driver.createStream();
            start = driver.createEvent();
            end = driver.createEvent();
            staging = new Staging(driver, stream, watchdog, stagingChunkBytes);
            try {
                gemm = gemms.open(driver, stream);
            } catch (RuntimeException | LinkageError e) {
                gemmUnavailable = gemmReason(e);
            }
        } catch (RuntimeException | Error e) { // any other Error from cuBLAS too: what is open so far is given back
            close();
            throw e;
        }
    }

    static byte[] ptx() {
        try (InputStream in = CudaBackend.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CUDA kernels' PTX resource " + PTX_RESOURCE + " is missing from this build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String gemmReason(Throwable e) {
        String text = e instanceof LinkageError ? String.valueOf(e.getMessage()) : FailureText.oneLine(e);
        if (text.contains("libcublas")) {
            return "cuBLAS unavailable (libcublas.so.12 not found)";
        }
        return "cuBLAS unavailable (" + FailureText.oneLine(e) + ")";
    }

    @Override
    public String name() {
        return "cuda";
    }

    /** The device in one line: name, architecture, memory, multiprocessors, driver. */
    public String deviceLine() {
        return String.format(Locale.ROOT, "%s (sm_%d%d, %.1f GiB, %d SMs, CUDA driver %d.%d)", device.name(),
                device.major(), device.minor(), device.totalBytes() / (double) (1L << 30), device.multiprocessors(),
                driverVersion / 1000, driverVersion % 1000 / 10);
    }

    @Override
    public String description() {
        return "CUDA on " + deviceLine() + "; matmul " + (gemm != null ? "on " + gemm.name() : "on the CPU: " + gemmUnavailable);
    }

    @Override
    public BackendParts parts() {
        return new BackendParts(name(), 0, deviceLine(), gemm != null ? gemm.name() : null, gemmUnavailable);
    }


    /** How many of this backend's waits went to the watchdog's helper thread (see {@link Watchdog}). */
    synchronized int syncHandOffs() {
        return watchdog.handOffs();
    }
    @Override
    public synchronized Phases lastPhases() {
        return last;
    }

    @Override
    public void im2col(Geometry g, Layout layout, float[] input, float[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        im2col(g, layout, "f32", HostArray.of(input), HostArray.of(column));
    }

    @Override
    public void im2col(Geometry g, Layout layout, double[] input, double[] column) {
        Backend.checkBuffers(g, input.length, column.length);
        im2col(g, layout, "f64", HostArray.of(input), HostArray.of(column));
    }

    @Override
    public void col2im(Geometry g, Layout layout, float[] column, float[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        col2im(g, layout, "f32", HostArray.of(column), HostArray.of(input));
    }

    @Override
    public void col2im(Geometry g, Layout layout, double[] column, double[] input) {
        Backend.checkBuffers(g, input.length, column.length);
        col2im(g, layout, "f64", HostArray.of(column), HostArray.of(input));
    }

    private void im2col(Geometry g, Layout layout, String type, HostArray input, HostArray column) {
        if (layout.patchMajor()) {
            transform("im2col_rows_" + type, LaunchPlan.rows(g), input, image, column, columns, geometryArg(g));
        } else {
            long items = (long) g.n() * g.c() * g.oh() * g.ow();
            transform("im2col_tap_major_" + type, LaunchPlan.elementwise(items, device.multiprocessors()), input, image,
                    column, columns, geometryArg(g));
        }
    }

    private void col2im(Geometry g, Layout layout, String type, HostArray column, HostArray input) {
        transform("col2im_" + type, LaunchPlan.elementwise(g.inputSize(), device.multiprocessors()), column, columns,
                input, image, geometryArg(g), new Arg.Int(layout.patchMajor() ? 0 : 1));
    }

    /** The kernels' Geometry struct: 14 ints in declaration order. */
    static Arg geometryArg(Geometry g) {
        return new Arg.Ints(new int[] {g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(),
                g.dh(), g.dw(), g.oh(), g.ow()});
    }

    /**
     * Copies {@code src} to the device, runs one kernel (source, target, then {@code extra} arguments), and
     * copies the target back.
     */
    private synchronized void transform(String kernel, LaunchPlan plan, HostArray src, DeviceBuffer srcBuffer,
                                        HostArray dst, DeviceBuffer dstBuffer, Arg... extra) {
        usable();
        watchdog.expect(src.bytes() + dst.bytes(), 0);
        try {
            driver.makeCurrent(context);
            DeviceMemory[] mem = reserve(new DeviceBuffer[] {srcBuffer, dstBuffer}, new long[] {src.bytes(), dst.bytes()});
            long t0 = System.nanoTime();
            staging.upload(src, mem[0]);
            long t1 = System.nanoTime();
            Arg[] args = new Arg[2 + extra.length];
            args[0] = new Arg.Memory(mem[0]);
            args[1] = new Arg.Memory(mem[1]);
            System.arraycopy(extra, 0, args, 2, extra.length);
            driver.record(start, stream);
            driver.launch(kernels.get(kernel), plan.grid(), plan.block(), stream, args);
            driver.record(end, stream);
            watchdog.await(end);
            long t2 = System.nanoTime();
            staging.download(mem[1], dst);
            long t3 = System.nanoTime();
            last = new Phases(ms(t1 - t0), driver.elapsedMs(start, end), ms(t3 - t2));
        } catch (CudaError e) {
            throw failure(e, kernel);
        } catch (Watchdog.Expired e) {
            throw hang(e, kernel);
        }
    }

    @Override
    public synchronized void matmul(int m, int n, int k, double[] a, boolean transA, double[] b, boolean transB, double[] c) {
        Backend.checkProduct(m, n, k, a, b, c);
        usable();
        if (gemm == null) {
            if (cpuProduct == null) {
                cpuProduct = new CpuBackend();
            }
            cpuProduct.matmul(m, n, k, a, transA, b, transB, c);
            return;
        }
        watchdog.expect(8L * a.length + 8L * b.length + 8L * c.length, 2.0 * m * n * k);
        try {
            driver.makeCurrent(context);
            DeviceMemory[] mem = reserve(new DeviceBuffer[] {gemmA, gemmB, gemmC},
                    new long[] {8L * a.length, 8L * b.length, 8L * c.length});
            long t0 = System.nanoTime();
            staging.upload(HostArray.of(a), mem[0]);
            staging.upload(HostArray.of(b), mem[1]);
            long t1 = System.nanoTime();
            // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ, and a row-major matrix read
            // column-major is its transpose: so cuBLAS gets B before A, n and m swapped, no copies.
            driver.record(start, stream);
            gemm.dgemm(transB, transA, n, m, k, mem[1], transB ? k : n, mem[0], transA ? m : k, mem[2], n);
            driver.record(end, stream);
            watchdog.await(end);
            long t2 = System.nanoTime();
            staging.download(mem[2], HostArray.of(c));
            long t3 = System.nanoTime();
            last = new Phases(ms(t1 - t0), driver.elapsedMs(start, end), ms(t3 - t2));
        } catch (CudaError e) {
            throw failure(e, "cublasDgemm");
        } catch (Watchdog.Expired e) {
            throw hang(e, "cublasDgemm");
        }
    }

    /**
     * Memory for every buffer; when the device is full, frees all kept buffers (those of other operations
     * too) and tries once more before giving up.
     */
    private DeviceMemory[] reserve(DeviceBuffer[] buffers, long[] bytes) {
        DeviceMemory[] out = new DeviceMemory[buffers.length];
        for (int attempt = 0;; attempt++) {
            try {
                for (int i = 0; i < buffers.length; i++) {
                    out[i] = buffers[i].require(bytes[i]);
                }
                return out;
            } catch (CudaError e) {
                if (e.code() != CudaError.OUT_OF_MEMORY || attempt > 0) {
                    throw e;
                }
                for (DeviceBuffer b : List.of(image, columns, gemmA, gemmB, gemmC)) {
                    b.release();
                }
            }
        }
    }

    private IllegalStateException failure(CudaError e, String kernel) {
        if (e.sticky()) {
            return stop(e, kernel); // the device runs nothing more: no queued copy can still touch memory
        }
        try {
            // copies or a kernel queued before the step that failed may still be running; the next call refills
            // the pinned buffers and close frees them, so neither may happen before they are done
            watchdog.await(stream);
        } catch (CudaError late) {
            return stop(late, kernel);
        } catch (Watchdog.Expired late) {
            return hang(late, kernel);
        }
        if (e.code() == CudaError.OUT_OF_MEMORY && e.call().equals("cuMemAllocHost")) {
            return new IllegalStateException("out of page-locked host memory for the transfers of " + kernel
                    + " (CUDA_ERROR_OUT_OF_MEMORY in cuMemAllocHost)", e);
        }
        if (e.code() == CudaError.OUT_OF_MEMORY) {
            long free;
            try {
                free = driver.freeBytes();
            } catch (CudaError ignored) {
                free = -1;
            }
            return new IllegalStateException("out of device memory for " + kernel + ": " + device.name() + " has "
                    + (free < 0 ? "?" : CudaFailures.mib(free)) + " free of " + CudaFailures.mib(device.totalBytes())
                    + "; use a smaller input or --backend cpu", e);
        }
        return new IllegalStateException(CudaFailures.reason(e) + " (" + kernel + ")", e);
    }

    /** Stops the backend: the device failed, or what it is still doing is unknown. */
    private IllegalStateException stop(CudaError e, String kernel) {
        stopped = "the CUDA device stopped (" + CudaError.name(e.code()) + " in " + e.call() + " for " + kernel
                + "); restart Unfold or use --backend cpu";
        return new IllegalStateException(stopped, e);
    }

    /** Stops the backend for good: the device may be hung, and with it whatever this backend queued. */
    private IllegalStateException hang(Watchdog.Expired e, String kernel) {
        hung = true;
        stopped = "the CUDA device did not finish " + kernel + " within " + CudaFailures.seconds(e.limit()) + " ("
                + e.call() + "); it may be hung; restart Unfold or use --backend cpu";
        return new IllegalStateException(stopped, e);
    }

    private void usable() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        if (stopped != null) {
            throw new IllegalStateException(stopped);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * Frees everything; never throws, since after a device failure the driver may refuse even that. Nor does
     * it block on a hung device: then the freeing waits on a thread of its own until the device has finished
     * what it was given (it may never), since memory a copy may still be using must not be freed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cpuProduct != null) {
            cpuProduct.close();
        }
        watchdog.close();
        if (hung) {
            Thread t = new Thread(this::release, "unfold-cuda-release");
            t.setDaemon(true);
            t.start();
        } else {
            release();
        }
    }

    private void release() {
        quietly(() -> driver.makeCurrent(context));
        if (hung) {
            quietly(() -> driver.synchronize(stream));
            // the wait that gave up may still be inside the driver, on an event of this stream: once the stream
            // is done it returns, and only then may its event and the context go
            watchdog.awaitReturn();
        }
        if (gemm != null) {
            quietly(gemm::close);
        }
        for (DeviceBuffer b : List.of(image, columns, gemmA, gemmB, gemmC)) {
            quietly(b::release);
        }
        if (staging != null) {
            quietly(staging::close);
        }
        if (start != null) {
            quietly(() -> driver.destroyEvent(start));
        }
        if (end != null) {
            quietly(() -> driver.destroyEvent(end));
        }
        if (stream != null) {
            quietly(() -> driver.destroyStream(stream));
        }
        if (module != null) {
            quietly(() -> driver.unloadModule(module));
        }
        quietly(() -> driver.releasePrimaryContext(ordinal));
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException ignored) {
            // closing goes on: what this step held is lost with the context anyway
        }
    }
}
