package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GeometryTest {

    @Property(tries = 500)
    void outputSizeFormulaCountsTheWindowsThatFit(@ForAll @IntRange(min = 1, max = 40) int size,
                                                 @ForAll @IntRange(min = 1, max = 7) int k,
                                                 @ForAll @IntRange(min = 1, max = 5) int s,
                                                 @ForAll @IntRange(max = 6) int p,
                                                 @ForAll @IntRange(min = 1, max = 4) int d) {
        Axis axis = new Axis(size, k, s, p, d);
        int counted = Reference.outSizeByCounting(size, k, s, p, d);
        if (counted == 0) {
            assertTrue(axis.outLong() < 1);
            assertEquals(1, Geometry.problems(1, 1, size, 1, k, 1, s, 1, p, 0, d, 1).size());
        } else {
            assertEquals(counted, axis.out());
            for (int kk = 0; kk < k; kk++) { // the inside range of each tap, by brute force
                int first = -1;
                int end = -1;
                for (int o = 0; o < counted; o++) {
                    int i = axis.source(o, kk);
                    if (i >= 0 && i < size) {
                        if (first < 0) {
                            first = o;
                        }
                        end = o + 1;
                    }
                }
                if (first < 0) {
                    assertEquals(axis.first(kk), axis.end(kk), "empty range for tap " + kk);
                } else {
                    assertEquals(first, axis.first(kk));
                    assertEquals(end, axis.end(kk));
                }
            }
        }
    }

    @Test
    void eachProblemIsNamedWithItsNumbers() {
        List<String> p = Geometry.problems(0, 1, 4, 4, 0, 2, 0, 1, -1, 0, 1, 0);
        assertEquals(List.of(
                "batch N must be at least 1, got 0",
                "kernel height KH must be at least 1, got 0",
                "stride SH must be at least 1, got 0",
                "padding PH must be at least 0, got -1",
                "dilation DW must be at least 1, got 0"), p);
    }

    @Test
    void aWindowLargerThanThePaddedInputSaysWhichSideAndWhy() {
        GeometryException e = assertThrows(GeometryException.class,
                () -> new Geometry(1, 1, 4, 9, 3, 3, 1, 1, 0, 0, 2, 1));
        assertEquals(1, e.problems().size());
        String m = e.getMessage();
        assertTrue(m.startsWith("window height 5 (DH·(KH−1)+1 = 2·(3−1)+1) is larger than the padded input height 4"), m);
        assertTrue(m.contains("OH would be 0"), m);
        assertTrue(m.contains("more padding"), m);
    }

    @Test
    void sizesPastTheArrayRangeAreRefusedBeforeAnythingIsAllocated() {
        List<String> p = Geometry.problems(64, 64, 224, 224, 7, 7, 1, 1, 3, 3, 1, 1);
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("column matrix too large: (N·OH·OW) × (C·KH·KW) = (64·224·224) × (64·7·7)"), p.get(0));
        List<String> huge = Geometry.problems(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, 1, 1, 1, 1, 0, 0, 1, 1);
        assertTrue(huge.get(0).startsWith("input too large"), huge.toString());
        assertTrue(huge.get(1).startsWith("column matrix too large"), huge.toString());
        // large kernel × dilation × padding must not overflow into a bogus valid size
        assertTrue(Geometry.problems(1, 1, 1, 1, Integer.MAX_VALUE, 1, 1, 1, 1 << 29, 0, Integer.MAX_VALUE, 1)
                .get(0).startsWith("window height"));
        assertEquals(List.of("padded input height H+2·PH = 1+2·1073741824 = 2147483649 is past 2147483647;"
                + " use less padding"), Geometry.problems(1, 1, 1, 1, 1, 1, 1, 1, 1 << 30, 0, 1, 1));
    }

    @Test
    void allocationProblemComparesWithWhatTheJvmCanHold() {
        Geometry small = Geometry.of(1, 1, 8, 8, 3, 1, 1);
        assertNull(small.allocationProblem(DType.FLOAT64));
        Geometry big = new Geometry(1, 1, 46000, 46000, 1, 1, 1, 1, 0, 0, 1, 1);
        long need = (long) big.columnSize() * 8 * 2;
        org.junit.jupiter.api.Assumptions.assumeTrue(need > Runtime.getRuntime().maxMemory(),
                "the heap holds 34 GB: nothing too large to test");
        assertTrue(big.allocationProblem(DType.FLOAT64).startsWith("column matrix needs 32287.6 MiB (2116000000 × 8 bytes"),
                big.allocationProblem(DType.FLOAT64));
        assertTrue(big.allocationProblem(DType.FLOAT64).endsWith("raise -Xmx"));
    }

    /**
     * What the JVM already holds counts against the room left: a buffer that would fit in an empty heap but not
     * next to 64 MiB held during the check is a problem.
     */
    @Test
    void allocationProblemCountsWhatTheJvmAlreadyHolds() {
        long[] held = new long[8 << 20];
        held[held.length - 1] = 1;
        long bytes = Runtime.getRuntime().maxMemory() - (32L << 20); // float32, 1×1 kernel: 8 bytes per pixel
        int w = 1 << 15;
        long h = bytes / 8 / w;
        org.junit.jupiter.api.Assumptions.assumeTrue(h * w <= Geometry.MAX_ARRAY,
                "the heap holds more than two largest arrays of float32: no buffer near its size to test");
        Geometry g = new Geometry(1, 1, (int) h, w, 1, 1, 1, 1, 0, 0, 1, 1);
        String problem = g.allocationProblem(DType.FLOAT32);
        java.lang.ref.Reference.reachabilityFence(held);
        assertTrue(problem != null && problem.startsWith("column matrix needs "), String.valueOf(problem));
    }

    @Test
    void derivedSizes() {
        Geometry g = new Geometry(2, 3, 7, 5, 3, 2, 2, 1, 1, 0, 1, 2);
        assertEquals(4, g.oh()); // (7 + 2·1 − 1·(3−1) − 1)/2 + 1
        assertEquals(3, g.ow()); // (5 + 0 − 2·(2−1) − 1)/1 + 1
        assertEquals(2 * 4 * 3, g.patchCount());
        assertEquals(3 * 3 * 2, g.patchSize());
        assertEquals(g.patchCount() * g.patchSize(), g.columnSize());
        assertEquals(2 * 3 * 7 * 5, g.inputSize());
        assertEquals((double) g.columnSize() / g.inputSize(), g.blowUp());
    }
}
