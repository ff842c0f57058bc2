package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import dev.unfold.cpu.CpuBackend;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The col2im animation's running sums: at every position exactly the core's replay of that many moves, at the
 * end exactly the backend's col2im, and any seek (back included) lands on the same bits as playing from zero.
 */
class Col2imReplayPropertyTest {

    private static final CpuBackend CPU = new CpuBackend(1);

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.onScreen(6_000);
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian() * 3; // inexact sums: a step undone by subtraction would show
        }
        return a;
    }

    @Property(tries = 120)
    void seekingAnywhereMatchesTheCoresReplay(@ForAll("geometries") Geometry g, @ForAll Layout layout,
                                              @ForAll boolean byPixel, @ForAll long seed) {
        TraceOrder order = byPixel ? TraceOrder.COL2IM_BY_PIXEL : TraceOrder.COL2IM_BY_TAP;
        Trace trace = Traces.of(g, layout, order);
        double[] col = random(g.columnSize(), seed);
        Col2imReplay r = new Col2imReplay(trace, col, Col2imReplay.checkpoints(trace, col, () -> false));
        Random rnd = new Random(seed ^ 0x55);
        double[] expected = new double[g.inputSize()];
        for (int i = 0; i < 12; i++) {
            long p = rnd.nextInt((int) trace.length() + 1);
            r.seek(p);
            trace.replayCol2im(col, expected, p);
            assertArrayEquals(expected, r.inner(), "at " + p + " of " + trace.length() + " " + g);
            if (p > 0) { // one step forward and back again: bit for bit where it was
                r.seek(p - 1);
                r.seek(p);
                assertArrayEquals(expected, r.inner());
                double[] before = new double[g.inputSize()];
                trace.replayCol2im(col, before, p - 1);
                r.seek(p - 1);
                assertArrayEquals(before, r.inner(), "step back from " + p);
            }
        }
        r.seek(trace.length());
        assertArrayEquals(CPU.col2im(g, layout, col), r.inner(), "end = backend col2im, " + order);
        double[] ref = Reference.col2im(g, layout, col);
        double[] got = r.inner();
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 1e-9 * (1 + Math.abs(ref[i])));
        }
    }

    @Property(tries = 80)
    void countsAreTheContributionsSoFarAndEndAtTheWindowCounts(@ForAll("geometries") Geometry g,
                                                               @ForAll boolean byPixel, @ForAll long seed) {
        TraceOrder order = byPixel ? TraceOrder.COL2IM_BY_PIXEL : TraceOrder.COL2IM_BY_TAP;
        Trace trace = Traces.of(g, Layout.ROWS, order);
        double[] col = random(g.columnSize(), seed);
        Col2imReplay r = new Col2imReplay(trace, col, Col2imReplay.checkpoints(trace, col, () -> false));
        long p = new Random(seed).nextInt((int) trace.length() + 1);
        r.seek(p);
        int[] expected = new int[r.innerCounts().length];
        int padded = 0;
        for (long s = 0; s < p; s++) {
            Move m = trace.move(s);
            if (m.padding()) {
                padded++;
            } else {
                expected[m.input()]++;
            }
        }
        assertArrayEquals(expected, r.innerCounts());
        int ring = 0; // what landed in the padding stays on the ring, counted once per move
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
                for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                    if (y < 0 || y >= g.h() || x < 0 || x >= g.w()) {
                        ring += r.count(plane, y, x);
                    }
                }
            }
        }
        assertEquals(padded, ring);
        if (byPixel) {
            assertEquals(0, ring, "the GPU kernel gathers only what reaches a pixel");
        }
        r.seek(trace.length());
        assertArrayEquals(Reference.windowCounts(g), r.innerCounts());
    }

    @Property(tries = 60)
    void paddedMovesLandWhereTheWindowReads(@ForAll("geometries") Geometry g, @ForAll long seed) {
        Trace trace = Traces.of(g, Layout.ROWS, TraceOrder.COL2IM_BY_TAP);
        double[] col = random(g.columnSize(), seed);
        Col2imReplay r = new Col2imReplay(trace, col, Col2imReplay.checkpoints(trace, col, () -> false));
        long p = 1 + new Random(seed).nextInt((int) trace.length());
        r.seek(p - 1);
        Move m = trace.move(p - 1);
        ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
        int plane = e.n() * g.c() + e.c();
        double before = r.sum(plane, e.iy(), e.ix());
        r.seek(p);
        assertEquals(before + col[m.column()], r.sum(plane, e.iy(), e.ix()));
    }
}
