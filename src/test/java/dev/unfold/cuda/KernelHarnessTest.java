package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.cuda.CudaDriver.Dim3;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The CUDA backend end to end on the CPU: CudaBackend plans, stages and launches as on a GPU, and the
 * launches run the exact kernel source built with g++ (HarnessDriver). Results must equal the definition
 * ({@link Reference}, which the CPU backend equals too) bit for bit, for random geometries (N and C above 1,
 * stride above the kernel, padding at or above the kernel, dilation), all layouts, both element types, and
 * launch shapes other than the planned one, which the grid-stride loops must not care about. Outputs start as garbage, on the host and on the
 * device, so an element nobody writes, or a col2im that adds to its output, shows.
 */
@AddLifecycleHook(RequiresGpp.class)
class KernelHarnessTest {

    /** Launch shapes: the backend's own, a single block, or small odd grids and blocks. */
    record Shape(String kind, int gx, int gy, int bx, int by) {
        LaunchPlan apply(String kernel, LaunchPlan planned) {
            return switch (kind) {
                case "planned" -> planned;
                case "one block" -> new LaunchPlan(new Dim3(1, 1, 1), planned.block());
                default -> kernel.startsWith("im2col_rows")
                        ? new LaunchPlan(new Dim3(gx, gy, 1), new Dim3(bx, by, 1))
                        : new LaunchPlan(new Dim3(gx, 1, 1), new Dim3(bx, 1, 1));
            };
        }
    }

    @Provide
    Arbitrary<Geometry> geometries() {
        return CudaGeometries.geometries(60_000, 40);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<Shape> odd = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 40), Arbitraries.integers().between(1, 3))
                .as((gx, gy, bx, by) -> new Shape("odd", gx, gy, bx, by));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Shape("planned", 0, 0, 0, 0))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Shape("one block", 0, 0, 0, 0))),
                net.jqwik.api.Tuple.of(2, odd));
    }

    private static CudaBackend open(Shape shape, int multiprocessors, int chunkBytes) {
        HarnessDriver driver = new HarnessDriver(shape::apply);
        driver.info = new CudaDriver.DeviceInfo("C++ kernel harness", 7, 5, 1L << 30, multiprocessors);
        return CudaBackend.open(driver, (d, s) -> new JavaGemm(), chunkBytes, FakeDriver.SYNC_LIMIT);
    }

    @Property(tries = 250)
    void im2colEqualsTheDefinitionBitForBit(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll("shapes") Shape shape,
                                  @ForAll @IntRange(min = 1, max = 4) int multiprocessors,
                                  @ForAll @IntRange(min = 64, max = 1 << 16) int chunkBytes, @ForAll long seed) {
        Random random = new Random(seed);
        float[] x = new float[g.inputSize()];
        double[] xd = new double[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.intBitsToFloat(random.nextInt()); // every bit pattern: NaN payloads, infinities, -0, subnormals
            xd[i] = Double.longBitsToDouble(random.nextLong());
        }
        float[] col = CudaGeometries.unwrittenFloats(g.columnSize());
        double[] cold = CudaGeometries.unwrittenDoubles(g.columnSize());
        try (CudaBackend cuda = open(shape, multiprocessors, chunkBytes)) {
            cuda.im2col(g, layout, x, col);
            cuda.im2col(g, layout, xd, cold);
            assertArrayEquals(rawBits(Reference.im2col(g, layout, x)), rawBits(col), "float32, every element written");
            assertArrayEquals(rawBits(Reference.im2col(g, layout, xd)), rawBits(cold), "float64, every element written");
        }
    }

    @Property(tries = 250)
    void col2imEqualsTheDefinitionBitForBit(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll("shapes") Shape shape,
                                  @ForAll @IntRange(min = 1, max = 4) int multiprocessors,
                                  @ForAll @IntRange(min = 64, max = 1 << 16) int chunkBytes, @ForAll long seed) {
        Random random = new Random(seed);
        float[] col = new float[g.columnSize()];
        double[] cold = new double[g.columnSize()];
        for (int i = 0; i < col.length; i++) {
            // magnitudes far apart, subnormals included, so a different order of additions would round differently
            col[i] = (float) Math.scalb(random.nextGaussian(), random.nextInt(60) - 148 + (random.nextInt(4) == 0 ? 0 : 120));
            cold[i] = Math.scalb(random.nextGaussian(), random.nextInt(60) - 1070 + (random.nextInt(4) == 0 ? 0 : 1000));
        }
        float[] x = CudaGeometries.unwrittenFloats(g.inputSize());
        double[] xd = CudaGeometries.unwrittenDoubles(g.inputSize());
        try (CudaBackend cuda = open(shape, multiprocessors, chunkBytes)) {
            cuda.col2im(g, layout, col, x);
            cuda.col2im(g, layout, cold, xd);
            assertArrayEquals(rawBits(Reference.col2im(g, layout, col)), rawBits(x), "float32, overwritten, not added to");
            assertArrayEquals(rawBits(Reference.col2im(g, layout, cold)), rawBits(xd), "float64, overwritten, not added to");
        }
    }

    /** The order of additions matters in these sums: check that the test data can tell orders apart. */
    @Property(tries = 1)
    void theDataDistinguishesSummationOrders(@ForAll long seed) {
        Random random = new Random(seed);
        int differ = 0;
        for (int trial = 0; trial < 100; trial++) {
            float[] v = new float[9];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.scalb(random.nextGaussian(), random.nextInt(60) - 148 + (random.nextInt(4) == 0 ? 0 : 120));
            }
            float forward = 0;
            float backward = 0;
            for (int i = 0; i < v.length; i++) {
                forward += v[i];
                backward += v[v.length - 1 - i];
            }
            differ += Float.floatToRawIntBits(forward) != Float.floatToRawIntBits(backward) ? 1 : 0;
        }
        assertTrue(differ > 10, "only " + differ + " of 100 sums depend on the order");
    }

    static int[] rawBits(float[] a) {
        int[] bits = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Float.floatToRawIntBits(a[i]);
        }
        return bits;
    }

    static long[] rawBits(double[] a) {
        long[] bits = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            bits[i] = Double.doubleToRawLongBits(a[i]);
        }
        return bits;
    }
}
