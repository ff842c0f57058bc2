package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** The CPU backend against the element-by-element definition, on random geometries, every layout and dtype. */
class CpuBackendPropertyTest {

    // several thread counts: the split of work must not change a single bit
    private static final CpuBackend[] BACKENDS = {new CpuBackend(1), new CpuBackend(2, 0), new CpuBackend(3, 0)};

    @AfterContainer
    static void close() {
        for (CpuBackend b : BACKENDS) {
            b.close();
        }
    }

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.small(60_000);
    }

    @Property(tries = 300)
    void im2colMatchesDefinition(@ForAll("geometries") Geometry g, @ForAll Layout layout,
                                 @ForAll @IntRange(max = 2) int which, @ForAll long seed) {
        checkIm2col(g, layout, BACKENDS[which], seed);
    }

    @Property(tries = 300)
    void col2imMatchesDefinitionBitForBit(@ForAll("geometries") Geometry g, @ForAll Layout layout,
                                          @ForAll @IntRange(max = 2) int which, @ForAll long seed) {
        checkCol2im(g, layout, BACKENDS[which], seed);
    }

    @Provide
    Arbitrary<Geometry> unusual() {
        return net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.randomValue(r -> Geometries.farOut(r, 60_000)),
                net.jqwik.api.Arbitraries.randomValue(r -> Geometries.samePadding(r, 60_000)));
    }

    /** The one-copy "same" padding path and the general loops for far-out padding, each on its own. */
    @Property(tries = 200)
    void unusualGeometriesMatchTheDefinition(@ForAll("unusual") Geometry g, @ForAll Layout layout,
                                            @ForAll @IntRange(max = 2) int which, @ForAll long seed) {
        checkIm2col(g, layout, BACKENDS[which], seed);
        checkCol2im(g, layout, BACKENDS[which], seed + 3);
    }

    @Provide
    Arbitrary<Geometry> wideKernels() {
        return net.jqwik.api.Arbitraries.randomValue(r -> Geometries.wideKernel(r, 60_000));
    }

    /**
     * Long patch rows, which ROWS im2col builds from earlier ones, and long output rows, which col2im adds
     * through a stage: every dtype, layout and thread count.
     */
    @Property(tries = 200)
    void wideKernelsMatchTheDefinition(@ForAll("wideKernels") Geometry g, @ForAll Layout layout,
                                       @ForAll @IntRange(max = 2) int which, @ForAll long seed) {
        checkIm2col(g, layout, BACKENDS[which], seed);
        checkCol2im(g, layout, BACKENDS[which], seed + 3);
    }

    @Provide
    Arbitrary<Geometry> manyChannels() {
        return net.jqwik.api.Arbitraries.randomValue(r -> Geometries.manyChannels(r, 60_000));
    }

    /** Many channels, where ROWS im2col reads from a channels-last copy of the image: every layout and dtype. */
    @Property(tries = 150)
    void manyChannelsMatchTheDefinition(@ForAll("manyChannels") Geometry g, @ForAll Layout layout,
                                        @ForAll @IntRange(max = 2) int which, @ForAll long seed) {
        checkIm2col(g, layout, BACKENDS[which], seed);
        checkCol2im(g, layout, BACKENDS[which], seed + 3);
    }

    /** im2col in both dtypes equals the definition, every element written, padding included. */
    private static void checkIm2col(Geometry g, Layout layout, CpuBackend b, long seed) {
        double[] x = random(g.inputSize(), seed);
        double[] col = new double[g.columnSize()];
        java.util.Arrays.fill(col, Double.NaN);
        b.im2col(g, layout, x, col);
        assertArrayEquals(Reference.im2col(g, layout, x), col, g + " " + layout);

        float[] xf = toFloat(x);
        float[] colf = new float[g.columnSize()];
        java.util.Arrays.fill(colf, Float.NaN);
        b.im2col(g, layout, xf, colf);
        assertArrayEquals(Reference.im2col(g, layout, xf), colf, g + " " + layout);
    }

    /** col2im in both dtypes equals the definition bit for bit, over garbage left in the output. */
    private static void checkCol2im(Geometry g, Layout layout, CpuBackend b, long seed) {
        double[] col = random(g.columnSize(), seed);
        double[] x = random(g.inputSize(), seed + 1);
        b.col2im(g, layout, col, x);
        assertArrayEquals(Reference.col2im(g, layout, col), x, g + " " + layout);

        float[] colf = toFloat(col);
        float[] xf = toFloat(random(g.inputSize(), seed + 2));
        b.col2im(g, layout, colf, xf);
        assertArrayEquals(Reference.col2im(g, layout, colf), xf, g + " " + layout);
    }

    @Property(tries = 200)
    void col2imIsTheAdjointOfIm2col(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        double[] x = random(g.inputSize(), seed);
        double[] y = random(g.columnSize(), seed + 7);
        CpuBackend b = BACKENDS[1];
        double lhs = dot(b.im2col(g, layout, x), y);
        double rhs = dot(x, b.col2im(g, layout, y));
        assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)), g.toString());
    }

    @Property(tries = 200)
    void roundTripMultipliesByWindowCount(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        double[] x = random(g.inputSize(), seed);
        CpuBackend b = BACKENDS[2];
        double[] back = b.col2im(g, layout, b.im2col(g, layout, x));
        int[] count = Reference.windowCounts(g);
        for (int i = 0; i < x.length; i++) {
            int plane = i / (g.h() * g.w());
            int y = i / g.w() % g.h();
            int xx = i % g.w();
            assertEquals(count[i], g.yAxis().windowCount(y) * g.xAxis().windowCount(xx), "count at " + i);
            assertEquals(x[i] * count[i], back[i], 1e-12 * (1 + Math.abs(x[i] * count[i])), g + " at " + i + " plane " + plane);
        }
    }

    @Property(tries = 50)
    void layoutsHoldTheSameElements(@ForAll("geometries") Geometry g, @ForAll long seed) {
        double[] x = random(g.inputSize(), seed);
        double[] rows = BACKENDS[0].im2col(g, Layout.ROWS, x);
        double[] tensor = BACKENDS[0].im2col(g, Layout.TENSOR, x);
        double[] torch = BACKENDS[0].im2col(g, Layout.TORCH, x);
        assertArrayEquals(tensor, torch);
        for (int row = 0; row < g.patchCount(); row++) {
            for (int tap = 0; tap < g.patchSize(); tap++) {
                assertEquals(rows[Layout.ROWS.index(g, row, tap)], tensor[Layout.TENSOR.index(g, row, tap)]);
                assertEquals(row, Layout.TENSOR.rowOf(g, Layout.TENSOR.index(g, row, tap)));
                assertEquals(tap, Layout.TENSOR.tapOf(g, Layout.TENSOR.index(g, row, tap)));
            }
        }
    }

    @Property(tries = 100)
    void layoutIndexIsWhereTheShapesPutEachElement(@ForAll("geometries") Geometry g, @ForAll Layout layout) {
        int kk = g.kh() * g.kw(), ohw = g.oh() * g.ow();
        int[] shape = layout.shape(g);
        for (int row = 0; row < g.patchCount(); row++) {
            int n = row / ohw, oy = row % ohw / g.ow(), ox = row % g.ow();
            for (int tap = 0; tap < g.patchSize(); tap++) {
                int c = tap / kk, ky = tap % kk / g.kw(), kx = tap % g.kw();
                int at = layout.index(g, row, tap);
                assertEquals(Reference.index(g, layout, n, c, ky, kx, oy, ox), at, g + " " + layout);
                // the shape the layout reports, read in C order, puts the element there too
                int[] where = switch (layout) {
                    case ROWS -> new int[] {row, tap};
                    case TENSOR -> new int[] {n, c, ky, kx, oy, ox};
                    case TORCH -> new int[] {n, tap, oy * g.ow() + ox};
                };
                assertEquals(at, cOrder(shape, where), g + " " + layout + " shape " + java.util.Arrays.toString(shape));
                assertEquals(row, layout.rowOf(g, at));
                assertEquals(tap, layout.tapOf(g, at));
            }
        }
    }

    /** Flat index of {@code where} in an array of {@code shape}, last axis fastest; fails on an index out of its axis. */
    private static int cOrder(int[] shape, int[] where) {
        assertEquals(shape.length, where.length);
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            assertTrue(where[i] >= 0 && where[i] < shape[i], "axis " + i);
            flat = flat * shape[i] + where[i];
        }
        return flat;
    }

    static double[] random(int size, long seed) {
        Random r = new Random(seed);
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
