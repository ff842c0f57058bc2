package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unfold.cpu.CpuBackend;
import java.util.Random;
import net.jqwik.api.Assume;
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
        try (CpuBackend cpu = new CpuBackend(1); CudaBackend cuda = CudaBackend.open(new FakeDriver(), (d, s) -> gemm, 256, FakeDriver.SYNC_LIMIT)) {
            cpu.matmul(m, n, k, a, transA, b, transB, expected);
            cuda.matmul(m, n, k, a, transA, b, transB, actual);
        }
        assertEquals(1, gemm.calls, "the product ran on the device engine");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * k, "element " + i);
        }
    }

    @Property(tries = 50)
    void badSizesAreRefusedWithTheCpuBackendsMessage(@ForAll @IntRange(min = 0, max = 3) int m,
                                                     @ForAll @IntRange(min = 0, max = 3) int n,
                                                     @ForAll @IntRange(min = 0, max = 3) int k,
                                                     @ForAll @IntRange(min = 0, max = 12) int aLength,
                                                     @ForAll @IntRange(min = 0, max = 12) int cLength) {
        Assume.that(m * k != aLength || m * n != cLength || m * n * k == 0);
        double[] b = new double[k * n];
        JavaGemm gemm = new JavaGemm();
        try (CpuBackend cpu = new CpuBackend(1); CudaBackend cuda = CudaBackend.open(new FakeDriver(), (d, s) -> gemm, 256, FakeDriver.SYNC_LIMIT)) {
            IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                    () -> cpu.matmul(m, n, k, new double[aLength], false, b, false, new double[cLength]));
            IllegalArgumentException actual = assertThrows(IllegalArgumentException.class,
                    () -> cuda.matmul(m, n, k, new double[aLength], false, b, false, new double[cLength]));
            assertEquals(expected.getMessage(), actual.getMessage());
        }
        assertEquals(0, gemm.calls);
    }
}
