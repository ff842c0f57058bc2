package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plan takes the padded-row loops for ordinary windows and the general loops for far-out ones. */
class LoopPlanTest {

    @Test
    void ordinaryWindowsUsePaddedRows() {
        for (Geometry g : new Geometry[] {
            new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1),
            new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1),
            new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2),
            Geometry.of(1, 1, 4, 4, 2, 2, 2)}) {
            LoopPlan plan = new LoopPlan(g);
            assertTrue(plan.paddedRows && plan.paddedImage && plan.phasedRows, g.toString());
        }
    }

    @Test
    void farOutWindowsUseTheGeneralLoops() {
        // a 3×3 input with 200000 padding and stride: padded rows would be 10⁵ times the data
        LoopPlan plan = new LoopPlan(new Geometry(1, 2, 3, 3, 2, 2, 200_000, 200_000, 200_000, 200_000, 1, 1));
        assertFalse(plan.paddedRows);
        assertFalse(plan.paddedImage);
        assertFalse(plan.phasedRows);
    }

    @Test
    void aHugeStrideOnATinyInputCostsNoMoreThanTheInput() {
        // one output element; tables sized by the stride took gigabytes and failed as out of memory
        Geometry g = new Geometry(1, 1, 3, 4, 1, 1, Integer.MAX_VALUE, 2_000_000_000, 0, 0, 1, 1);
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        LoopPlan plan = new LoopPlan(g);
        assertTrue(mx.getThreadAllocatedBytes(thread) - before < 1 << 16, "the plan of a one-element column");
        assertFalse(plan.phasePlanes);
        float[] x = {5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        try (CpuBackend cpu = new CpuBackend(1)) {
            for (Layout layout : Layout.values()) {
                assertArrayEquals(new float[] {5}, cpu.im2col(g, layout, x));
                assertArrayEquals(Reference.col2im(g, layout, new float[] {3}), cpu.col2im(g, layout, new float[] {3}));
            }
        }
    }

    @Test
    void stridesNearTheIntRangeGiveTheDefinition() {
        // ⌈padded / stride⌉ and the phase offsets once passed the int range here: negative sizes, then exceptions
        int max = Integer.MAX_VALUE;
        Geometry[] geometries = {
            new Geometry(1, 1, 3, 4, 1, 2, max, max, 0, 0, 1, 1),
            new Geometry(1, 1, 2, 2, 2, 1, max, 2, 0, 0, 1, 1),
            new Geometry(1, 1, 3, 4, 1, 1, max, 2_000_000_000, 0, 1_000_000_000, 1, 1),
            new Geometry(2, 3, 5, 4, 2, 2, max - 1, max, max / 2 - 3, max / 2 - 3, 1, 1),
        };
        Random r = new Random(3);
        for (CpuBackend cpu : new CpuBackend[] {new CpuBackend(1), new CpuBackend(3, 0)}) {
            try (cpu) {
                for (Geometry g : geometries) {
                    double[] x = r.doubles(g.inputSize()).toArray();
                    double[] col = r.doubles(g.columnSize()).toArray();
                    for (Layout layout : Layout.values()) {
                        assertArrayEquals(Reference.im2col(g, layout, x), cpu.im2col(g, layout, x), g + " " + layout);
                        assertArrayEquals(Reference.col2im(g, layout, col), cpu.col2im(g, layout, col), g + " " + layout);
                    }
                }
            }
        }
    }

    @Test
    void theTestGeneratorReachesBothKinds() {
        Random r = new Random(1);
        int general = 0;
        for (int i = 0; i < 200; i++) {
            LoopPlan plan = new LoopPlan(Geometries.farOut(r, 60_000));
            general += plan.paddedRows && plan.paddedImage && plan.phasedRows ? 0 : 1;
        }
        assertTrue(general > 50, general + " of 200 far-out geometries take a general loop");
    }

    @Test
    void rowsIm2colReusesEarlierPatchRowsWhereFewTapsAreLeftToRead() {
        // ResNet 3×3: the next row, one tap on; the stem 7×7 s2: two taps on; dilation 2: the row two back
        assertReuse(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1), 1, 1);
        assertReuse(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1), 1, 2);
        assertReuse(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2), 2, 1);
        // a 2-wide kernel would leave half of every row, a 1×1 kernel all of it, stride 3 with k3 nothing to
        // reuse, and a row of nine is gathered faster than copied
        assertFalse(new LoopPlan(Geometry.of(1, 32, 9, 9, 2, 1, 0)).reuseRows);
        assertFalse(new LoopPlan(Geometry.of(1, 64, 9, 9, 1, 1, 0)).reuseRows);
        assertFalse(new LoopPlan(Geometry.of(1, 8, 9, 9, 3, 3, 1)).reuseRows);
        assertFalse(new LoopPlan(Geometry.of(1, 1, 28, 28, 3, 1, 1)).reuseRows);
        // and the property tests' wide kernels reach it, from one row back and one tap on, and from further
        // back or by more taps
        Random r = new Random(3);
        int next = 0;
        int far = 0;
        int shifted = 0;
        for (int i = 0; i < 1000; i++) {
            Geometry g = Geometries.wideKernel(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (reuses(g)) {
                next += plan.reuseDistance == 1 && plan.reuseShift == 1 ? 1 : 0;
                far += plan.reuseDistance > 1 ? 1 : 0;
                shifted += plan.reuseShift > 1 ? 1 : 0;
            }
        }
        assertTrue(next > 200 && far > 150 && shifted > 100, "of 1000 wide kernels, " + next
                + " reuse the next row, " + far + " rows two or more back, " + shifted + " by two or more taps");
    }

    @Test
    void rowsIm2colReadsFromAChannelsLastImageWhereThereAreManyChannels() {
        assertTrue(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1)).channelsLastRows, "resnet3x3");
        assertTrue(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2)).channelsLastRows, "dilated3x3");
        // the stem's three channels would make loops of three; and without reuse there is nothing to read
        assertFalse(new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1)).channelsLastRows, "stem");
        assertFalse(new LoopPlan(Geometry.of(1, 64, 9, 9, 1, 1, 0)).channelsLastRows, "1×1");
        // the property tests' generator reaches it: from the next row, and with stride for several rows first
        Random r = new Random(5);
        int next = 0;
        int stridedFar = 0;
        for (int i = 0; i < 1000; i++) {
            Geometry g = Geometries.manyChannels(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (plan.channelsLastRows && g.ow() > plan.reuseDistance) {
                next += plan.reuseDistance == 1 && plan.reuseShift == 1 ? 1 : 0;
                stridedFar += plan.reuseDistance > 1 && g.sw() > 1 ? 1 : 0;
            }
        }
        assertTrue(next > 150 && stridedFar > 10, "of 1000 geometries with many channels, " + next
                + " reuse the next row, " + stridedFar + " rows further back with stride");
    }

    @Test
    void theWideKernelsAddLongRunsThroughTheStage() {
        // strided col2im adds output rows of OW, stride 1 without "same" padding rows of the tap's valid range
        Random r = new Random(4);
        int strided = 0;
        int unshifted = 0;
        for (int i = 0; i < 1000; i++) {
            Geometry g = Geometries.wideKernel(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (g.sw() > 1 && !plan.phasePlanes && plan.phasedRows && g.ow() >= FloatKernels.STAGED_RUN) {
                strided++;
            }
            boolean longRun = false;
            for (int kx = 0; kx < g.kw(); kx++) {
                longRun |= plan.xEnd[kx] - plan.xFirst[kx] >= FloatKernels.STAGED_RUN;
            }
            if (g.sw() == 1 && !plan.phasePlanes && g.ow() != g.w() && longRun) {
                unshifted++;
            }
        }
        assertTrue(strided > 100 && unshifted > 100, "of 1000 wide kernels, " + strided + " strided with long rows, "
                + unshifted + " stride 1 with long runs");
    }

    @Test
    void theGeneratorsReachRowsCol2imWithEveryNumberOfMergedTaps() {
        // ROWS col2im adds taps kx, kx + q, … (q = SW / gcd(SW, DW)) in groups of up to four; a group's taps come
        // from patch rows m apart, and with fewer than m output columns some accumulator elements get none
        int[] groups = new int[5];
        int gaps = 0;
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Geometry g = i % 2 == 0 ? Geometries.draw(r, 60_000) : Geometries.wideKernel(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (!plan.paddedImage) {
                continue;
            }
            for (int k0 = 0; k0 < Math.min(plan.reuseShift, g.kw()); k0++) {
                for (int left = (g.kw() - 1 - k0) / plan.reuseShift + 1; left > 0; left -= 4) {
                    groups[Math.min(4, left)]++;
                }
            }
            gaps += g.ow() < plan.reuseDistance && g.kw() > plan.reuseShift ? 1 : 0;
        }
        assertTrue(groups[1] > 100 && groups[2] > 100 && groups[3] > 100 && groups[4] > 100 && gaps > 20,
                "groups of 1–4 taps: " + java.util.Arrays.toString(groups) + ", " + gaps + " with gaps");
    }

    @Test
    void rowsCol2imReadsTheNextBandAheadWhereAPassSkipsLines() {
        assertTrue(new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1)).readAhead, "stem");
        assertFalse(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1)).readAhead, "resnet3x3");
        assertFalse(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2)).readAhead, "dilated3x3");
        // the property tests' wide kernels take it, over several bands
        Random r = new Random(8);
        int ahead = 0;
        for (int i = 0; i < 1000; i++) {
            Geometry g = Geometries.wideKernel(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            ahead += plan.readAhead && plan.paddedImage && g.oh() > 1 ? 1 : 0;
        }
        assertTrue(ahead > 200, ahead + " of 1000 wide kernels read ahead");
    }

    /** The reuse loop runs: the plan takes it and some patch row has an earlier one to start from. */
    private static boolean reuses(Geometry g) {
        LoopPlan plan = new LoopPlan(g);
        return plan.paddedRows && plan.reuseRows && g.ow() > plan.reuseDistance;
    }

    private static void assertReuse(Geometry g, int distance, int shift) {
        LoopPlan plan = new LoopPlan(g);
        assertTrue(plan.reuseRows, g.toString());
        assertEquals(distance, plan.reuseDistance, g.toString());
        assertEquals(shift, plan.reuseShift, g.toString());
    }

    @Test
    void stridedTapMajorLoopsWorkOnPhasePlanesWhereEveryPhaseFitsInAnOutputRow() {
        // the stem: 224 columns in two phases of 112, and OW = 112
        LoopPlan stem = new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1));
        assertTrue(stem.phasePlanes, "stem");
        assertEquals(112, stem.planeRows);
        assertEquals(112, stem.planeCount[0]);
        assertEquals(112, stem.planeCount[1]);
        // ResNet's downsampling: 3×3 s2 p1 and 1×1 s2 on 56×56
        assertTrue(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1)).phasePlanes);
        assertTrue(new LoopPlan(new Geometry(8, 64, 56, 56, 1, 1, 2, 2, 0, 0, 1, 1)).phasePlanes);
        // no padding: 112 columns in a phase, 109 outputs; stride 1 with OW = W reads the input plane as it is
        assertFalse(new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 0, 0, 1, 1)).phasePlanes);
        assertFalse(new LoopPlan(new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1)).phasePlanes);
        // the property tests' generator reaches them with column stride, with row stride only, and with stride 1
        // and wide padding (OW > W)
        Random r = new Random(6);
        int columnStride = 0;
        int rowStride = 0;
        int wide = 0;
        for (int i = 0; i < 2000; i++) {
            Geometry g = Geometries.draw(r, 60_000);
            if (new LoopPlan(g).phasePlanes) {
                columnStride += g.sw() > 1 ? 1 : 0;
                rowStride += g.sw() == 1 && g.sh() > 1 ? 1 : 0;
                wide += g.sw() == 1 && g.sh() == 1 ? 1 : 0;
            }
        }
        assertTrue(columnStride > 300 && rowStride > 40 && wide > 80, "of 2000 geometries on phase planes, "
                + columnStride + " with column stride, " + rowStride + " with row stride only, " + wide + " stride 1");
    }

    @Test
    void stridedIm2colTakesTheTapColumnsWhereTheyAreSmallerThanTheOutput() {
        // the stem without padding: its phases do not fit in an output row
        LoopPlan unpadded = new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 0, 0, 1, 1));
        assertTrue(unpadded.tapColumns && !unpadded.phasePlanes, "the unpadded stem");
        // a 1×1 kernel with stride 3 reads a ninth of the rows: copying every padded row first would cost more
        assertFalse(new LoopPlan(new Geometry(1, 2, 30, 30, 1, 1, 3, 3, 0, 0, 1, 1)).tapColumns);
        // and the property tests' generator reaches both strided im2col loops
        Random r = new Random(2);
        int columns = 0;
        int rows = 0;
        for (int i = 0; i < 2000; i++) {
            Geometry g = Geometries.draw(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (g.sw() > 1 && !plan.phasePlanes && plan.phasedRows) {
                columns += plan.tapColumns ? 1 : 0;
                rows += plan.tapColumns ? 0 : 1;
            }
        }
        assertTrue(columns > 100 && rows > 100, columns + " strided geometries with tap columns, " + rows + " without");
    }
}
