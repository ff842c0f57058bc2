package dev.unfold.core.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.cpu.CpuBackend;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Replaying any trace gives exactly the definition's result, and so the backend's, bit for bit; each order
 * visits what the seed's loop visits.
 */
class TracePropertyTest {

    private static final CpuBackend CPU = new CpuBackend(2);

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.small(20_000);
    }

    @Property(tries = 200)
    void im2colTracesReplayToTheBackendResult(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        double[] x = random(g.inputSize(), seed);
        double[] expected = Reference.im2col(g, layout, x);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        float[] expectedf = Reference.im2col(g, layout, xf);
        assertArrayEquals(expected, CPU.im2col(g, layout, x));
        assertArrayEquals(expectedf, CPU.im2col(g, layout, xf));
        for (TraceOrder order : new TraceOrder[] {TraceOrder.IM2COL_BY_PATCH, TraceOrder.IM2COL_BY_TAP, TraceOrder.IM2COL_BY_THREAD}) {
            Trace t = Traces.of(g, layout, order);
            assertEquals(g.columnSize(), t.length());
            double[] col = new double[g.columnSize()];
            Arrays.fill(col, Double.NaN);
            t.replayIm2col(x, col, t.length());
            assertArrayEquals(expected, col, order + " " + g);
            float[] colf = new float[g.columnSize()];
            Arrays.fill(colf, Float.NaN);
            t.replayIm2col(xf, colf, t.length());
            assertArrayEquals(expectedf, colf, order + " float " + g);
        }
    }

    @Property(tries = 200)
    void col2imTracesReplayBitForBit(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        double[] col = random(g.columnSize(), seed);
        double[] expected = Reference.col2im(g, layout, col);
        float[] colf = new float[col.length];
        for (int i = 0; i < col.length; i++) {
            colf[i] = (float) col[i];
        }
        float[] expectedf = Reference.col2im(g, layout, colf);
        assertArrayEquals(expected, CPU.col2im(g, layout, col));
        assertArrayEquals(expectedf, CPU.col2im(g, layout, colf));
        for (TraceOrder order : new TraceOrder[] {TraceOrder.COL2IM_BY_TAP, TraceOrder.COL2IM_BY_PIXEL}) {
            Trace t = Traces.of(g, layout, order);
            double[] x = random(g.inputSize(), seed + 9); // replay must start from zero, not from this
            t.replayCol2im(col, x, t.length());
            assertArrayEquals(expected, x, order + " " + g);
            float[] xf = new float[g.inputSize()];
            java.util.Arrays.fill(xf, Float.NaN);
            t.replayCol2im(colf, xf, t.length());
            assertArrayEquals(expectedf, xf, order + " float " + g);
        }
    }

    @Property(tries = 150)
    void columnOrdersVisitEveryElementOnceInTheSeedsOrder(@ForAll("geometries") Geometry g, @ForAll Layout layout) {
        for (TraceOrder order : new TraceOrder[] {TraceOrder.IM2COL_BY_PATCH, TraceOrder.IM2COL_BY_TAP,
                TraceOrder.IM2COL_BY_THREAD, TraceOrder.COL2IM_BY_TAP}) {
            Trace t = Traces.of(g, layout, order);
            assertSame(g, t.geometry());
            assertEquals(layout, t.layout());
            assertEquals(order, t.order());
            boolean[] seen = new boolean[g.columnSize()];
            Move previous = null;
            for (long s = 0; s < t.length(); s++) {
                Move m = t.move(s);
                assertEquals(s, m.step());
                assertTrue(!seen[m.column()], "column element visited twice: " + m);
                seen[m.column()] = true;
                ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
                assertEquals(m.row(), e.row(g));
                assertEquals(m.tap(), e.tap(g));
                assertEquals(layout.index(g, m.row(), m.tap()), m.column());
                assertEquals(e.inputIndex(g), m.input());
                // a GPU thread per tensor element for im2col; the scatter-add is "thread" per pixel it adds to
                assertEquals(order.im2col() ? e.tensorIndex(g) : e.inputIndex(g), m.thread());
                if (previous != null) {
                    assertInOrder(g, order, previous, m);
                }
                previous = m;
            }
        }
    }

    /** Consecutive moves advance the loop variables of the seed's loop nest, innermost fastest. */
    private static void assertInOrder(Geometry g, TraceOrder order, Move a, Move b) {
        ColumnElement ea = ColumnElement.of(g, a.row(), a.tap());
        ColumnElement eb = ColumnElement.of(g, b.row(), b.tap());
        int[] ka = key(order, ea);
        int[] kb = key(order, eb);
        assertTrue(Arrays.compare(ka, kb) < 0, order + ": " + Arrays.toString(ka) + " then " + Arrays.toString(kb));
    }

    private static int[] key(TraceOrder order, ColumnElement e) {
        return switch (order) {
            case IM2COL_BY_PATCH -> new int[] {e.n(), e.oy(), e.ox(), e.c(), e.ky(), e.kx()};
            case IM2COL_BY_TAP, COL2IM_BY_TAP -> new int[] {e.ky(), e.kx(), e.n(), e.c(), e.oy(), e.ox()};
            default -> new int[] {e.n(), e.c(), e.ky(), e.kx(), e.oy(), e.ox()};
        };
    }

    @Property(tries = 150)
    void gatherVisitsEachPixelsContributionsInTapOrder(@ForAll("geometries") Geometry g) {
        assertGatherOrder(g);
    }

    @Provide
    Arbitrary<Geometry> longStrides() {
        return Arbitraries.randomValue(r -> Geometries.longStrides(r, 20_000));
    }

    /**
     * The gather order finds a pixel's first tap by solving k·D ≡ i + P (mod S / gcd(S, D)) with a modular
     * inverse. The other generators' strides (up to 5, or far-out ones with dilation 1 or 2) take that inverse in
     * at most two steps of Euclid's algorithm, where a wrong update of its coefficients does not show; strides
     * up to 13 with dilations up to 9 take three and more (stride 8 with dilation 3, 11 with 3, 13 with 5).
     */
    @Property(tries = 200)
    void gatherOrderHoldsForLongStridesAndDilations(@ForAll("longStrides") Geometry g, @ForAll Layout layout,
                                                    @ForAll long seed) {
        assertGatherOrder(g);
        double[] col = random(g.columnSize(), seed);
        Trace t = Traces.of(g, layout, TraceOrder.COL2IM_BY_PIXEL);
        assertSame(g, t.geometry());
        assertEquals(layout, t.layout());
        assertEquals(TraceOrder.COL2IM_BY_PIXEL, t.order());
        double[] x = new double[g.inputSize()];
        t.replayCol2im(col, x, t.length());
        assertArrayEquals(Reference.col2im(g, layout, col), x, g + " " + layout);
    }

    private static void assertGatherOrder(Geometry g) {
        Trace t = Traces.of(g, Layout.ROWS, TraceOrder.COL2IM_BY_PIXEL);
        int[] counts = Reference.windowCounts(g);
        assertEquals(Arrays.stream(counts).asLongStream().sum(), t.length());
        int[] seen = new int[g.inputSize()];
        int lastPixel = -1;
        int lastTap = -1;
        for (long s = 0; s < t.length(); s++) {
            Move m = t.move(s);
            assertTrue(!m.padding());
            assertTrue(m.input() >= lastPixel, "pixels in order");
            if (m.input() != lastPixel) {
                lastTap = -1;
            }
            ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
            assertEquals(m.input(), e.inputIndex(g), "the column element is read from this pixel");
            int kernelTap = e.ky() * g.kw() + e.kx();
            assertTrue(kernelTap > lastTap, "taps ascending within a pixel");
            lastTap = kernelTap;
            lastPixel = m.input();
            assertEquals(m.input(), m.thread());
            seen[m.input()]++;
        }
        assertArrayEquals(counts, seen);
    }

    @Test
    void partialReplayShowsTheFirstStepsOnly() {
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 1, 1);
        Trace t = Traces.of(g, Layout.ROWS, TraceOrder.IM2COL_BY_PATCH);
        double[] x = new double[16];
        Arrays.setAll(x, i -> i + 1);
        double[] col = new double[g.columnSize()];
        Arrays.fill(col, -1);
        t.replayIm2col(x, col, 6);
        // the seed's first row is [0, 0, 0, 1]; the second begins [0, 0, ...]
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, -1, -1}, Arrays.copyOf(col, 8));
    }

    @Test
    void aLargeTraceCostsNothingUntilAsked() {
        // 2·4·49·512·512 ≈ 10⁸ moves: anything stored per move would take hundreds of megabytes
        assertSmall(new Geometry(2, 4, 512, 512, 7, 7, 1, 1, 3, 3, 1, 1));
        // one row, 3000 taps wide: 1.2·10⁸ moves, as many (tap, output) pairs along the row as the trace has moves
        assertSmall(new Geometry(1, 1, 1, 40_000, 1, 3000, 1, 1, 0, 1500, 1, 1));
    }

    private static void assertSmall(Geometry g) {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (TraceOrder order : TraceOrder.values()) {
            long before = mx.getThreadAllocatedBytes(thread);
            Trace t = Traces.of(g, Layout.TORCH, order);
            Move last = t.move(t.length() - 1);
            long allocated = mx.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 1 << 20, order + " allocated " + allocated + " bytes"); // per-axis tables at most
            assertEquals(t.length() - 1, last.step());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> Traces.of(g, Layout.ROWS, TraceOrder.COL2IM_BY_PIXEL).move(-1));
    }

    static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }
}
