package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Availability;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.cpu.CpuBackendProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every way CUDA can be missing or fail, simulated with FakeDriver: the probe says why in one line, never
 * throws and never hangs; {@code --backend cuda} gets that line as a BackendUnavailableException, {@code auto}
 * falls back to the CPU with it as the note; and a failed start gives back everything it took.
 */
class CudaFallbackTest {

    /** JCuda's report when libcuda.so.1 is missing, as this machine produces it (abridged). */
    static final String NO_LIBCUDA = """
            Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
            Operating system name: Linux
            Architecture         : amd64
            ---(start of nested stack traces)---
            Stack trace from the attempt to load the library as a file:
            java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib
            Stack trace from the attempt to load the library as a resource:
            java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
            ---(end of nested stack traces)---
            """;

    /** JCuda's report on a platform it has no natives for. */
    static final String NO_NATIVES = """
            Error while loading native library "JCudaDriver-12.6.0-linux-aarch64"
            Operating system name: Linux
            Architecture         : aarch64
            ---(start of nested stack traces)---
            Stack trace from the attempt to load the library as a file:
            java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-aarch64 in java.library.path: /usr/lib
            Stack trace from the attempt to load the library as a resource:
            java.lang.UnsatisfiedLinkError: No resource found with name '/lib/libJCudaDriver-12.6.0-linux-aarch64.so'
            ---(end of nested stack traces)---
            """;

    private static final int INVALID_VALUE = 1;

    private static final Geometry G = new Geometry(2, 3, 7, 6, 3, 2, 2, 1, 1, 2, 1, 2);

    private static CudaBackendProvider provider(CudaBackendProvider.DriverLoader loader) {
        return new CudaBackendProvider(loader, (d, s) -> new JavaGemm(), Duration.ofSeconds(5), 1 << 12);
    }

    private static CudaBackendProvider provider(FakeDriver driver) {
        return provider(() -> driver);
    }

    /** The probe's reason, checked to be one line, and the same reason from both ways of choosing CUDA. */
    private static String unavailable(CudaBackendProvider cuda) throws Exception {
        Availability a = cuda.probe();
        assertFalse(a.available(), "probe said available: " + a.detail());
        CudaUnavailable.assertChoicesReport(new Backends(List.of(new CpuBackendProvider(), cuda)), a.detail());
        return a.detail();
    }

    @Test
    void noDriverSaysInstallTheDriver() throws Exception {
        String reason = unavailable(provider(() -> {
            throw new UnsatisfiedLinkError(NO_LIBCUDA);
        }));
        assertTrue(reason.startsWith("no NVIDIA driver: libcuda.so.1 was not found"), reason);
    }

    @Test
    void missingJcudaNativesNameThePlatform() throws Exception {
        String reason = unavailable(provider(() -> {
            throw new UnsatisfiedLinkError(NO_NATIVES);
        }));
        assertTrue(reason.startsWith("this installation has no JCuda 12.6 native library for"), reason);
    }

    @Test
    void otherLinkFailuresQuoteTheLinker() throws Exception {
        String reason = unavailable(provider(() -> {
            throw new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                    + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: /lib/libstdc++.so.6: version `GLIBCXX_3.4.30' not found\n");
        }));
        assertEquals("the JCuda native library did not load: /tmp/libJCudaDriver.so: /lib/libstdc++.so.6: version "
                + "`GLIBCXX_3.4.30' not found", reason);
    }

    @Test
    void aDriverWithoutJcudasSymbolsIsTooOld() throws Exception {
        String reason = unavailable(provider(() -> {
            throw new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                    + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: "
                    + "/usr/lib/x86_64-linux-gnu/libcuda.so.1: undefined symbol: cuGraphAddNode_v2\n");
        }));
        assertEquals("the NVIDIA driver is too old for JCuda 12.6 (/tmp/libJCudaDriver-12.6.0-linux-x86_64.so: "
                + "/usr/lib/x86_64-linux-gnu/libcuda.so.1: undefined symbol: cuGraphAddNode_v2); install driver 525.60.13 "
                + "or later", reason);
    }

    @Test
    void noDeviceFromInitOrAnEmptyList() throws Exception {
        FakeDriver initFails = new FakeDriver().failAt("cuInit", CudaError.NO_DEVICE);
        assertEquals("no CUDA device: the NVIDIA driver found no GPU (CUDA_ERROR_NO_DEVICE)", unavailable(provider(initFails)));
        FakeDriver none = new FakeDriver();
        none.devices = 0;
        assertEquals("no CUDA device: the NVIDIA driver found no GPU (CUDA_ERROR_NO_DEVICE)", unavailable(provider(none)));
    }

    @Test
    void oldDriverSaysWhichDriverIsNeeded() throws Exception {
        FakeDriver driver = new FakeDriver().failAt("cuInit", CudaError.INSUFFICIENT_DRIVER);
        String reason = unavailable(provider(driver));
        assertTrue(reason.contains("CUDA_ERROR_INSUFFICIENT_DRIVER") && reason.contains("525.60.13"), reason);
    }

    @Test
    void unsupportedPtxSaysUpdateTheDriverAndReleasesTheContext() throws Exception {
        FakeDriver driver = new FakeDriver().failAt("cuModuleLoadData", CudaError.UNSUPPORTED_PTX_VERSION);
        String reason = unavailable(provider(driver));
        assertEquals("the NVIDIA driver cannot compile Unfold's kernels (" + CudaFailures.PTX_LABEL
                + "): CUDA_ERROR_UNSUPPORTED_PTX_VERSION in cuModuleLoadData; update the driver", reason);
        assertTrue(driver.allReleased());
    }

    @Test
    void outOfMemoryWhileProbingReleasesEverything() throws Exception {
        FakeDriver driver = new FakeDriver();
        driver.memoryLimit = 100;
        String reason = unavailable(provider(driver));
        assertEquals("out of device memory for im2col_rows_f32: Fake GPU has 0.0 MiB free of 1024.0 MiB; "
                + "use a smaller input or --backend cpu", reason);
        assertTrue(driver.allReleased());
    }

    @Test
    void failedLaunchesAreNamed() throws Exception {
        FakeDriver refused = new FakeDriver().failAt("cuLaunchKernel", CudaError.LAUNCH_OUT_OF_RESOURCES);
        assertEquals("a CUDA kernel failed: CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES in cuLaunchKernel (im2col_rows_f32)",
                unavailable(provider(refused)));
        assertTrue(refused.allReleased());
        FakeDriver crashed = new FakeDriver().failAt("cuEventSynchronize", CudaError.ILLEGAL_ADDRESS);
        assertEquals("the CUDA device stopped (CUDA_ERROR_ILLEGAL_ADDRESS in cuEventSynchronize for im2col_rows_f32); "
                + "restart Unfold or use --backend cpu", unavailable(provider(crashed)));
        assertTrue(crashed.allReleased());
    }

    @Test
    void wrongResultsFailTheSelfTest() throws Exception {
        // the plain fake's kernels do nothing, so the self-test sees zeros where the CPU has values
        FakeDriver driver = new FakeDriver();
        String reason = unavailable(provider(driver));
        assertEquals("the CUDA self-test failed: im2col rows float32 differs from the CPU backend", reason);
        assertTrue(driver.allReleased());
    }

    @Test
    void aHungDriverTimesOutAndIsCleanedUpWhenItReturns() throws Exception {
        FakeDriver driver = new FakeDriver();
        CountDownLatch hang = driver.hangAt("cuInit");
        CudaBackendProvider cuda = new CudaBackendProvider(() -> driver, (d, s) -> new JavaGemm(), Duration.ofMillis(200), 4096);
        long t0 = System.nanoTime();
        Availability a = cuda.probe();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(a.available());
        assertEquals("the CUDA driver did not answer within 0.2 s (probe); it may be hung or still initialising the GPU", a.detail());
        assertTrue(ms < 5_000, "the probe returned after " + ms + " ms");
        hang.countDown();
        for (int i = 0; i < 100 && !(driver.contexts == 0 && driver.allReleased()); i++) {
            Thread.sleep(20);
        }
        assertTrue(driver.allReleased(), "the late probe gave back what it took");
    }

    @Test
    void aBackendDeliveredAfterTheCallerGaveUpIsClosed() {
        FakeDriver driver = new FakeDriver();
        CudaBackendProvider.Handoff handoff = new CudaBackendProvider.Handoff();
        assertNull(handoff.abandon());
        handoff.deliver(CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT));
        assertTrue(driver.allReleased());
        assertNull(handoff.take());
    }

    @Test
    void aCallerGivingUpJustAfterDeliveryStillGetsTheBackend() {
        FakeDriver driver = new FakeDriver();
        CudaBackendProvider.Handoff handoff = new CudaBackendProvider.Handoff();
        CudaBackend delivered = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT);
        handoff.deliver(delivered);
        try (CudaBackend taken = handoff.abandon()) {
            assertSame(delivered, taken, "the time limit passed as the backend arrived: it is used, not lost");
            assertFalse(driver.allReleased());
        }
        assertTrue(driver.allReleased());
    }

    @Test
    void theProbeRunsOnce() {
        AtomicInteger loads = new AtomicInteger();
        CudaBackendProvider cuda = provider(() -> {
            loads.incrementAndGet();
            throw new UnsatisfiedLinkError(NO_LIBCUDA);
        });
        Availability first = cuda.probe();
        assertEquals(first, cuda.probe());
        assertEquals(1, loads.get());
    }

    @Test
    void outOfMemoryInACallIsOneLineAndTheBackendGoesOn() {
        FakeDriver driver = new FakeDriver();
        Geometry big = new Geometry(4, 8, 32, 32, 3, 3, 1, 1, 1, 1, 1, 1);
        driver.memoryLimit = 4L * (G.inputSize() + G.columnSize()) + 64;
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT)) {
            cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cuda.im2col(big, Layout.ROWS, new float[big.inputSize()]));
            assertTrue(e.getMessage().startsWith("out of device memory for im2col_rows_f32: Fake GPU has "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertTrue(driver.deviceBytes() <= driver.memoryLimit);
            cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]); // smaller work still runs
        }
        assertTrue(driver.allReleased());
    }

    @Test
    void aStoppedDeviceRefusesEveryLaterCallWithTheSameLine() {
        FakeDriver driver = new FakeDriver();
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT)) {
            driver.failAt("cuEventSynchronize", CudaError.ILLEGAL_ADDRESS);
            IllegalStateException first = assertThrows(IllegalStateException.class,
                    () -> cuda.col2im(G, Layout.TENSOR, new double[G.columnSize()]));
            assertEquals("the CUDA device stopped (CUDA_ERROR_ILLEGAL_ADDRESS in cuEventSynchronize for col2im_f64); "
                    + "restart Unfold or use --backend cpu", first.getMessage());
            int launches = driver.launches.size();
            IllegalStateException again = assertThrows(IllegalStateException.class,
                    () -> cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]));
            assertEquals(first.getMessage(), again.getMessage());
            assertEquals(launches, driver.launches.size(), "nothing more was sent to the stopped device");
        }
        assertTrue(driver.allReleased(), "closing after a stop still gives everything back");
    }

    @Test
    void aFailedCopyWaitsForTheCopiesStillInFlight() {
        FakeDriver driver = new FakeDriver();
        int m = 24;
        int n = 24;
        int k = 2;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        Arrays.setAll(a, i -> i);
        Arrays.setAll(b, i -> 1.0 / (i + 1));
        double[] expected = new double[m * n];
        double[] c = new double[m * n];
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT); CpuBackend cpu = new CpuBackend(1)) {
            // the product comes back in two chunks: the second copy is refused while the first is still queued
            driver.failAt("cuMemcpyDtoHAsync", INVALID_VALUE, 1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cuda.matmul(m, n, k, a, false, b, false, c));
            assertEquals("CUDA error: CUDA_ERROR_INVALID_VALUE in cuMemcpyDtoHAsync (cublasDgemm)", e.getMessage());
            assertEquals(0, driver.inFlight(), "the failure returned while a copy still wrote a pinned buffer");
            driver.succeedAt("cuMemcpyDtoHAsync");
            cpu.matmul(m, n, k, a, false, b, false, expected);
            cuda.matmul(m, n, k, a, false, b, false, c);
            assertArrayEquals(expected, c, "the next call reuses the buffers and is right");
            driver.failAt("cuMemcpyDtoHAsync", INVALID_VALUE, 1);
            driver.failAt("cuStreamSynchronize", CudaError.ILLEGAL_ADDRESS, 2); // the wait after the failure
            IllegalStateException stopped = assertThrows(IllegalStateException.class,
                    () -> cuda.matmul(m, n, k, a, false, b, false, c));
            assertEquals("the CUDA device stopped (CUDA_ERROR_ILLEGAL_ADDRESS in cuStreamSynchronize for cublasDgemm); "
                    + "restart Unfold or use --backend cpu", stopped.getMessage());
        }
        assertTrue(driver.allReleased(), "closing after a failed copy frees nothing in use and everything held");
    }

    /** The thread hand-off that bounds a wait is paid only by waits the device does not answer at once. */
    @Test
    void waitsTheDeviceAnswersAtOnceStayOnTheCallersThread() {
        FakeDriver driver = new FakeDriver();
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, Duration.ofSeconds(5))) {
            cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]); // several staging chunks, each one waited for
            cuda.col2im(G, Layout.TORCH, new double[G.columnSize()]);
            cuda.matmul(3, 2, 4, new double[12], false, new double[8], false, new double[6]);
            assertEquals(0, cuda.syncHandOffs());
            driver.failAt("cuEventSynchronize", INVALID_VALUE);
            assertThrows(IllegalStateException.class, () -> cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]));
            assertTrue(cuda.syncHandOffs() > 0, "a wait the device does not answer goes to the helper");
        }
    }

    @Test
    void aSynchronisationThatDoesNotReturnStopsTheBackendAndClosingDoesNotWaitForIt() throws Exception {
        FakeDriver driver = new FakeDriver();
        CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, Duration.ofMillis(100));
        CountDownLatch kernel = driver.hangAt("cuEventSynchronize");
        IllegalStateException first = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalStateException.class, () -> cuda.im2col(G, Layout.ROWS, new float[G.inputSize()])));
        assertEquals("the CUDA device did not finish im2col_rows_f32 within 0.1 s (cuEventSynchronize); it may be hung; "
                + "restart Unfold or use --backend cpu", first.getMessage());
        int launches = driver.launches.size();
        IllegalStateException again = assertThrows(IllegalStateException.class,
                () -> cuda.matmul(1, 1, 1, new double[1], false, new double[1], false, new double[1]));
        assertEquals(first.getMessage(), again.getMessage());
        assertEquals(launches, driver.launches.size(), "nothing more was sent to the hung device");
        CountDownLatch stream = driver.hangAt("cuStreamSynchronize");
        assertTimeoutPreemptively(Duration.ofSeconds(5), cuda::close);
        assertFalse(driver.allReleased(), "nothing is freed while the device may still be using it");
        kernel.countDown();
        stream.countDown();
        for (int i = 0; i < 250 && !driver.allReleased(); i++) {
            Thread.sleep(20);
        }
        assertTrue(driver.allReleased(), "once the device finishes, everything is given back");
    }

    /**
     * The device finishes the stream while the wait that gave up is still blocked in the driver: the freeing on
     * its own thread waits for that wait to return before it destroys the event it waits on or the context.
     */
    @Test
    void aHungWaitReturnsBeforeItsEventAndContextAreFreed() throws Exception {
        FakeDriver driver = new FakeDriver();
        CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, Duration.ofMillis(100));
        CountDownLatch kernel = driver.hangAt("cuEventSynchronize");
        assertThrows(IllegalStateException.class, () -> cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]));
        assertTimeoutPreemptively(Duration.ofSeconds(5), cuda::close);
        Thread.sleep(300); // the stream is done: the freeing has had time to run as far as it may
        assertEquals(List.of(), driver.misuse);
        assertFalse(driver.allReleased(), "nothing is freed while a wait in the driver may still use it");
        kernel.countDown();
        for (int i = 0; i < 250 && !driver.allReleased(); i++) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), driver.misuse);
        assertTrue(driver.allReleased(), "once the wait returns, everything is given back");
    }

    @Test
    void theWaitLimitLeavesTimeForTheWork() {
        Duration base = Duration.ofSeconds(20);
        assertEquals(base, Watchdog.limit(base, 99_000_000, 0), "whole seconds only");
        assertEquals(Duration.ofSeconds(30), Watchdog.limit(base, 1_000_000_000, 0), "1 s per 100 MB moved");
        assertEquals(Duration.ofSeconds(36), Watchdog.limit(base, 1_000_000_000, 6e9), "and 1 s per GFLOP");
    }

    @Test
    void missingCublasMultipliesOnTheCpuAndSaysWhy() {
        FakeDriver driver = new FakeDriver();
        DeviceGemm.Factory noCublas = (d, s) -> {
            throw new UnsatisfiedLinkError("Error while loading native library \"JCublas2-12.6.0-linux-x86_64\"\n"
                    + "java.lang.UnsatisfiedLinkError: /tmp/libJCublas2.so: libcublas.so.12: cannot open shared object file");
        };
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {7, 8, 9, 10, 11, 12};
        double[] expected = new double[4];
        double[] actual = new double[4];
        try (CudaBackend cuda = CudaBackend.open(driver, noCublas, 4096, FakeDriver.SYNC_LIMIT); CpuBackend cpu = new CpuBackend(1)) {
            assertEquals("cuBLAS unavailable (libcublas.so.12 not found)", cuda.parts().matmulOnCpuWhy());
            assertTrue(cuda.description().endsWith("; matmul on the CPU: cuBLAS unavailable (libcublas.so.12 not found)"),
                    cuda.description());
            cpu.matmul(2, 2, 3, a, false, b, true, expected);
            cuda.matmul(2, 2, 3, a, false, b, true, actual);
        }
        assertArrayEquals(expected, actual);
        assertTrue(driver.launches.isEmpty());
    }

    @Test
    void anErrorOpeningCublasGivesBackTheContextAndEverythingElse() {
        FakeDriver driver = new FakeDriver();
        OutOfMemoryError thrown = new OutOfMemoryError("Java heap space");
        DeviceGemm.Factory failing = (d, s) -> {
            throw thrown;
        };
        assertSame(thrown, assertThrows(OutOfMemoryError.class, () -> CudaBackend.open(driver, failing, 4096, FakeDriver.SYNC_LIMIT)));
        assertEquals(0, driver.contexts, "the primary context was released");
        assertTrue(driver.allReleased());
    }

    @Test
    void cublasPresentIsNamed() {
        try (CudaBackend cuda = CudaBackend.open(new FakeDriver(), (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT)) {
            assertNull(cuda.parts().matmulOnCpuWhy());
            assertEquals("CUDA on Fake GPU (sm_75, 1.0 GiB, 2 SMs, CUDA driver 12.4); matmul on Java reference product",
                    cuda.description());
        }
    }

    @Test
    void aClosedBackendRefusesMatmulEvenWhereItWouldMultiplyOnTheCpu() {
        DeviceGemm.Factory noCublas = (d, s) -> {
            throw new UnsatisfiedLinkError("libcublas.so.12: cannot open shared object file");
        };
        CudaBackend cuda = CudaBackend.open(new FakeDriver(), noCublas, 4096, FakeDriver.SYNC_LIMIT);
        cuda.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cuda.matmul(1, 1, 1, new double[1], false, new double[1], false, new double[1]));
        assertEquals("the CUDA backend is closed", e.getMessage());
    }

    @Test
    void closedBackendRefusesCallsAndClosingTwiceIsHarmless() {
        FakeDriver driver = new FakeDriver();
        CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT);
        cuda.close();
        cuda.close();
        assertTrue(driver.allReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cuda.im2col(G, Layout.ROWS, new float[G.inputSize()]));
        assertEquals("the CUDA backend is closed", e.getMessage());
    }

    @Test
    void mismatchedBuffersAreRejectedBeforeTheDevice() {
        FakeDriver driver = new FakeDriver();
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 4096, FakeDriver.SYNC_LIMIT)) {
            assertThrows(IllegalArgumentException.class, () -> cuda.im2col(G, Layout.ROWS, new float[3], new float[G.columnSize()]));
            assertThrows(IllegalArgumentException.class, () -> cuda.matmul(2, 2, 2, new double[4], false, new double[3], false, new double[4]));
        }
        assertTrue(driver.launches.isEmpty());
    }
}
