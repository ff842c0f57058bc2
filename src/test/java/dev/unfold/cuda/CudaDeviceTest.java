package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.PhaseTimed;
import dev.unfold.cpu.CpuBackend;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * On a real GPU (skipped, with the probe's reason, elsewhere): the CUDA backend against the CPU backend.
 * im2col bit for bit; col2im bit for bit too (same order of additions), and in float32 within 1e-6 of a
 * float64 reference, relative to the sum of the magnitudes added. Outputs start as NaN, so an element
 * left unwritten, or a col2im that adds to its output, shows. src/test/cuda/run-gpu-checks.sh runs this
 * class on a machine without Maven.
 */
@AddLifecycleHook(RequiresCuda.class)
class CudaDeviceTest {

    private static Backend cuda;
    private static CpuBackend cpu;

    static synchronized Backend cuda() throws Exception {
        if (cuda == null) {
            cuda = RequiresCuda.provider().open();
            cpu = new CpuBackend();
            System.out.println("CUDA device test on " + cuda.description());
        }
        return cuda;
    }

    @AfterContainer
    static synchronized void close() {
        if (cuda != null) {
            cuda.close();
            cpu.close();
            cuda = null;
        }
    }

    @Provide
    Arbitrary<Geometry> geometries() {
        return CudaGeometries.geometries(4_000_000, 70);
    }

    @Property(tries = 150)
    void im2colEqualsCpuBitForBit(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        float[] x = new float[g.inputSize()];
        double[] xd = new double[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(random.nextInt());
            xd[i] = Double.longBitsToDouble(random.nextLong());
        }
        float[] col = CudaGeometries.unwrittenFloats(g.columnSize());
        double[] cold = CudaGeometries.unwrittenDoubles(g.columnSize());
        cuda().im2col(g, layout, x, col);
        cuda().im2col(g, layout, xd, cold);
        assertArrayEquals(KernelHarnessTest.rawBits(cpu().im2col(g, layout, x)), KernelHarnessTest.rawBits(col));
        assertArrayEquals(KernelHarnessTest.rawBits(cpu().im2col(g, layout, xd)), KernelHarnessTest.rawBits(cold));
    }

    @Property(tries = 150)
    void col2imEqualsCpuAndIsWithin1e6OfFloat64(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed)
            throws Exception {
        Random random = new Random(seed);
        float[] col = new float[g.columnSize()];
        double[] colAsDouble = new double[col.length];
        double[] magnitudes = new double[col.length];
        for (int i = 0; i < col.length; i++) {
            col[i] = (float) random.nextGaussian();
            colAsDouble[i] = col[i];
            magnitudes[i] = Math.abs(col[i]);
        }
        float[] gpu = CudaGeometries.unwrittenFloats(g.inputSize());
        cuda().col2im(g, layout, col, gpu);
        assertArrayEquals(KernelHarnessTest.rawBits(cpu().col2im(g, layout, col)), KernelHarnessTest.rawBits(gpu),
                "float32 sums in the CPU's order");
        double[] reference = cpu().col2im(g, layout, colAsDouble);
        double[] scale = cpu().col2im(g, layout, magnitudes);
        for (int i = 0; i < gpu.length; i++) {
            // at most KH·KW = 16 float32 roundings of partial sums bounded by the magnitude sum: 16·2⁻²⁴ < 1e-6
            assertTrue(Math.abs(gpu[i] - reference[i]) <= 1e-6 * scale[i], "element " + i + ": " + gpu[i] + " vs " + reference[i]);
        }
        double[] gpuDouble = CudaGeometries.unwrittenDoubles(g.inputSize());
        cuda().col2im(g, layout, colAsDouble, gpuDouble);
        assertArrayEquals(KernelHarnessTest.rawBits(reference), KernelHarnessTest.rawBits(gpuDouble), "float64");
    }

    @Example
    void workloadSizedCallsAgreeAcrossChunksAndGridStrides() throws Exception {
        Geometry resnet = Geometry.of(8, 64, 56, 56, 3, 1, 1);
        Random random = new Random(3);
        float[] x = new float[resnet.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() - 0.5f;
        }
        for (Layout layout : List.of(Layout.ROWS, Layout.TENSOR)) {
            float[] col = cpu().im2col(resnet, layout, x);
            assertArrayEquals(col, cuda().im2col(resnet, layout, x), layout.label());
            assertArrayEquals(cpu().col2im(resnet, layout, col), cuda().col2im(resnet, layout, col), layout.label());
        }
    }

    @Example
    void theInstalledBackendsPickCudaAndMeetTheContract() throws Exception {
        Backends backends = Backends.discover();
        Backends.Selection auto = backends.open(BackendChoice.AUTO);
        try (Backend b = auto.backend()) {
            assertNull(auto.cudaUnavailable());
            assertEquals("cuda", b.name());
            assertTrue(b.description().startsWith("CUDA on "), b.description());
            Geometry g = new Geometry(2, 3, 11, 10, 3, 2, 2, 1, 1, 2, 1, 2);
            float[] x = new float[g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i * 0.25f - 3;
            }
            for (Layout layout : Layout.values()) {
                float[] col = cpu().im2col(g, layout, x);
                assertArrayEquals(col, b.im2col(g, layout, x));
                assertArrayEquals(cpu().col2im(g, layout, col), b.col2im(g, layout, col));
            }
            PhaseTimed.Phases p = assertInstanceOf(PhaseTimed.class, b).lastPhases();
            assertTrue(p.hostToDeviceMs() > 0 && p.kernelMs() > 0 && p.deviceToHostMs() > 0, p.toString());
            Random random = new Random(4);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = 37, n = 29, k = 53;
                    double[] a = random.doubles((long) m * k, -1, 1).toArray();
                    double[] bm = random.doubles((long) k * n, -1, 1).toArray();
                    double[] expected = new double[m * n];
                    double[] actual = new double[m * n];
                    cpu().matmul(m, n, k, a, ta, bm, tb, expected);
                    b.matmul(m, n, k, a, ta, bm, tb, actual);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], actual[i], 1e-12 * k, "matmul element " + i);
                    }
                }
            }
        }
    }

    private static CpuBackend cpu() throws Exception {
        cuda();
        return cpu;
    }
}
