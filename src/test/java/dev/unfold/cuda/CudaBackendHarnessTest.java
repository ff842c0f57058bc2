package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unfold.core.Availability;
import dev.unfold.core.Backend;
import dev.unfold.core.BackendParts;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.PhaseTimed;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.cpu.CpuBackendProvider;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backend's own bookkeeping, on a fake device that runs the real kernels through the C++ harness. */
class CudaBackendHarnessTest {

    private static final Geometry SMALL = new Geometry(2, 3, 9, 8, 3, 3, 1, 2, 1, 1, 1, 1);
    private static final Geometry LARGE = new Geometry(3, 5, 20, 17, 3, 2, 2, 1, 2, 1, 2, 1);

    @BeforeEach
    void needsGpp() {
        String reason = KernelHarness.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    @Test
    void deviceBuffersAreKeptAndGrownOnlyWhenNeeded() {
        HarnessDriver driver = HarnessDriver.withDevice(2);
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 1 << 12, FakeDriver.SYNC_LIMIT)) {
            float[] x = random(LARGE.inputSize(), 1);
            float[] col = new float[LARGE.columnSize()];
            cuda.im2col(LARGE, Layout.ROWS, x, col);
            int afterFirst = driver.allocations;
            for (int i = 0; i < 3; i++) {
                cuda.im2col(LARGE, Layout.TENSOR, x, col);
                cuda.col2im(LARGE, Layout.ROWS, col, x);
                cuda.im2col(SMALL, Layout.ROWS, random(SMALL.inputSize(), 2));
            }
            assertEquals(afterFirst, driver.allocations, "repeated and smaller calls allocate nothing");
            assertEquals(2, driver.deviceMemory.size());
            Geometry larger = LARGE.withInput(4, 5, 20, 17);
            cuda.im2col(larger, Layout.ROWS, random(larger.inputSize(), 3));
            assertTrue(driver.allocations > afterFirst, "a larger call grows the buffers");
            assertEquals(2, driver.deviceMemory.size(), "grown, not added");
            assertTrue(driver.pinnedMemory.size() <= 2, "two staging buffers at most");
            assertTrue(driver.pinnedMemory.stream().allMatch(p -> p.buffer().capacity() <= 1 << 12), "pinned memory stays one chunk");
        }
        assertTrue(driver.allReleased());
    }

    @Test
    void phasesReportTheLastCall() {
        try (CudaBackend cuda = CudaBackend.open(HarnessDriver.withDevice(2), (d, s) -> new JavaGemm(), 1 << 12, FakeDriver.SYNC_LIMIT)) {
            assertEquals(new PhaseTimed.Phases(0, 0, 0), cuda.lastPhases());
            cuda.im2col(LARGE, Layout.ROWS, random(LARGE.inputSize(), 4));
            PhaseTimed.Phases p = cuda.lastPhases();
            assertTrue(p.hostToDeviceMs() > 0 && p.kernelMs() > 0 && p.deviceToHostMs() > 0, p.toString());
        }
    }

    @Test
    void eachKernelGetsItsLayoutAndTypeAndTheGeometryStruct() {
        HarnessDriver driver = HarnessDriver.withDevice(2);
        try (CudaBackend cuda = CudaBackend.open(driver, (d, s) -> new JavaGemm(), 1 << 12, FakeDriver.SYNC_LIMIT)) {
            cuda.im2col(SMALL, Layout.ROWS, new double[SMALL.inputSize()]);
            cuda.im2col(SMALL, Layout.TORCH, new float[SMALL.inputSize()]);
            cuda.col2im(SMALL, Layout.ROWS, new float[SMALL.columnSize()]);
            cuda.col2im(SMALL, Layout.TENSOR, new double[SMALL.columnSize()]);
        }
        List<FakeDriver.Launch> l = driver.launches;
        assertEquals(List.of("im2col_rows_f64", "im2col_tap_major_f32", "col2im_f32", "col2im_f64"),
                l.stream().map(FakeDriver.Launch::kernel).toList());
        assertArrayEquals(new int[] {2, 3, 9, 8, 3, 3, 1, 2, 1, 1, 1, 1, SMALL.oh(), SMALL.ow()},
                ((CudaDriver.Arg.Ints) l.get(0).args()[2]).values());
        assertEquals(new CudaDriver.Arg.Int(0), l.get(2).args()[3], "rows layout");
        assertEquals(new CudaDriver.Arg.Int(1), l.get(3).args()[3], "tap-major layout");
    }

    /** Geometry allows H + 2·PH up to 2^31 − 1, so the kernels' 32-bit y + PH cannot overflow. */
    @Test
    void theLargestPaddingGeometryAllowsRunsLikeTheCpu() {
        int ph = (Integer.MAX_VALUE - 10) / 2;
        Geometry far = new Geometry(1, 2, 10, 10, 1, 2, ph, 1, ph, 0, 1, 9); // output row 1 reads input row 0
        float[] x = random(far.inputSize(), 6);
        try (CudaBackend cuda = CudaBackend.open(HarnessDriver.withDevice(2), (d, s) -> new JavaGemm(), 1 << 12, FakeDriver.SYNC_LIMIT);
             CpuBackend cpu = new CpuBackend(1)) {
            for (Layout layout : Layout.values()) {
                float[] col = cpu.im2col(far, layout, x);
                assertTrue(IntStream.range(0, col.length).anyMatch(i -> col[i] != 0), "some taps are inside");
                assertArrayEquals(col, cuda.im2col(far, layout, x));
                assertArrayEquals(cpu.col2im(far, layout, col), cuda.col2im(far, layout, col));
            }
        }
    }

    @Test
    void theProviderProbesOpensAndMeetsTheBackendContract() throws Exception {
        HarnessDriver driver = HarnessDriver.withDevice(2);
        AtomicInteger starts = new AtomicInteger();
        CudaBackendProvider provider = new CudaBackendProvider(() -> {
            starts.incrementAndGet();
            return driver;
        }, (d, s) -> new JavaGemm(), Duration.ofSeconds(60), 1 << 12);
        Availability a = provider.probe();
        assertTrue(a.available(), a.detail());
        assertEquals("C++ kernel harness (sm_75, 1.0 GiB, 2 SMs, CUDA driver 12.4)", a.detail());
        assertEquals(1, driver.contexts, "the probe's backend is kept for open()");
        Backends backends = new Backends(List.of(new CpuBackendProvider(), provider));
        Backends.Selection auto = backends.open(BackendChoice.AUTO);
        assertEquals(1, starts.get(), "--backend auto starts CUDA once: open() takes the probed backend");
        assertEquals(1, driver.contexts);
        try (Backend cuda = auto.backend(); CpuBackend cpu = new CpuBackend(2)) {
            assertNull(auto.cudaUnavailable());
            assertEquals("cuda", cuda.name());
            assertEquals(new BackendParts("cuda", 0, a.detail(), new JavaGemm().name(), null), cuda.parts());
            assertEquals("CUDA on " + a.detail() + "; matmul on " + new JavaGemm().name(), cuda.description());
            assertInstanceOf(PhaseTimed.class, cuda);
            float[] x = random(LARGE.inputSize(), 5);
            for (Layout layout : Layout.values()) {
                float[] col = cpu.im2col(LARGE, layout, x);
                assertArrayEquals(col, cuda.im2col(LARGE, layout, x));
                assertArrayEquals(cpu.col2im(LARGE, layout, col), cuda.col2im(LARGE, layout, col));
            }
        }
        assertTrue(driver.allReleased());
    }

    @Test
    void aStartThatFailsAfterAGoodProbeIsUnavailableWithTheReason() throws Exception {
        HarnessDriver driver = HarnessDriver.withDevice(2);
        CudaBackendProvider provider = new CudaBackendProvider(() -> driver, (d, s) -> new JavaGemm(), Duration.ofSeconds(60), 1 << 12);
        assertTrue(provider.probe().available());
        try (Backend probed = provider.open()) { // the probe's backend, already running
            driver.failAt("cuDevicePrimaryCtxRetain", 101); // CUDA_ERROR_INVALID_DEVICE: the GPU went away
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, provider::open);
            assertEquals("CUDA error: CUDA_ERROR_INVALID_DEVICE in cuDevicePrimaryCtxRetain", e.getMessage());
        }
    }

    @Test
    void aProbedBackendNobodyOpensIsClosedAfterItsTime() throws Exception {
        HarnessDriver driver = HarnessDriver.withDevice(2);
        AtomicInteger starts = new AtomicInteger();
        CudaBackendProvider provider = new CudaBackendProvider(() -> {
            starts.incrementAndGet();
            return driver;
        }, (d, s) -> new JavaGemm(), Duration.ofSeconds(60), 1 << 12, Duration.ofMillis(100));
        assertTrue(provider.probe().available());
        for (int i = 0; i < 250 && !driver.allReleased(); i++) {
            Thread.sleep(20);
        }
        assertTrue(driver.allReleased(), "the unclaimed probe backend was closed");
        try (Backend late = provider.open()) {
            assertEquals("cuda", late.name());
            assertEquals(2, starts.get(), "an open() after the release starts a new backend");
        }
        assertTrue(driver.allReleased());
    }
}
