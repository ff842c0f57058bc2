package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.cpu.CpuBackend;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * matmul hands cuBLAS a row-major product as a column-major one (operands swapped, no copies). With the
 * cuBLAS contract written out in Java (JavaGemm) the result must match the CPU backend's for every
 * combination of transposes.
 */
class CudaMatmulTest {

    @Property(tries = 200)
    void rowMajorProductThroughColumnMajorGemmEqualsCpu(@ForAll @IntRange(min = 1, max = 9) int m,
                                                         @ForAll @IntRange(min = 1, max = 9) int n,
                                                         @ForAll @IntRange(min = 1, max = 9) int k,
                                                         @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
        Random random = new Random(seed);
        double[] a = random.doubles((long) m * k, -1, 1).toArray();
        double[] b = random.doubles((long) k * n, -1, 1).toArray();
        double[] expected = new double[m * n];
        double[] actual = new double[m * n];
        JavaGemm gemm = new JavaGemm();
        try (CpuBackend cpu = new CpuBackend(1); CudaBackend cuda = CudaBackend.open(new FakeDriver(), (d, s) -> gemm, 256)) {
            cpu.matmul(m, n, k, a, transA, b, transB, expected);
            cuda.matmul(m, n, k, a, transA, b, transB, actual);
        }
        assertEquals(1, gemm.calls, "the product ran on the device engine");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * k, "element " + i);
        }
    }

    @Property(tries = 20)
    void emptyInnerDimensionGivesZeros(@ForAll @IntRange(min = 1, max = 5) int m, @ForAll @IntRange(min = 1, max = 5) int n) {
        double[] c = new double[m * n];
        java.util.Arrays.fill(c, 7);
        JavaGemm gemm = new JavaGemm();
        try (CudaBackend cuda = CudaBackend.open(new FakeDriver(), (d, s) -> gemm, 256)) {
            cuda.matmul(m, n, 0, new double[0], false, new double[0], false, c);
        }
        for (double v : c) {
            assertEquals(0.0, v);
        }
        assertTrue(gemm.calls == 0);
    }
}
