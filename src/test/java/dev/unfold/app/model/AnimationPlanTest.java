package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AnimationPlanTest {

    @Test
    void aShortAnimationKeepsEveryPosition() {
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, AnimationPlan.positions(4, 5));
        assertArrayEquals(new long[] {0}, AnimationPlan.positions(0, 400));
    }

    @Test
    void aLongOneIsSpreadEvenlyFromStartToEnd() {
        assertArrayEquals(new long[] {0, 3, 5, 8, 10}, AnimationPlan.positions(10, 5));
        assertThrows(IllegalArgumentException.class, () -> AnimationPlan.positions(10, 1));
        assertThrows(IllegalArgumentException.class, () -> AnimationPlan.positions(-1, 10));
    }

    @Property
    void positionsStartAtZeroEndAtTheEndAndNeverRepeat(@ForAll @LongRange(min = 0, max = 3_000_000_000L) long length,
                                                        @ForAll @IntRange(min = 2, max = 5000) int max) {
        long[] p = AnimationPlan.positions(length, max);
        assertEquals(Math.min(length + 1, max), p.length);
        assertEquals(0, p[0]);
        assertEquals(length, p[p.length - 1]);
        long gaps = Math.max(1, p.length - 1);
        for (int i = 1; i < p.length; i++) {
            assertTrue(p[i] > p[i - 1], "ascending");
            // |p[i] − i·length/gaps| ≤ ½, in exact integer arithmetic (doubles lose it past 10⁹)
            assertTrue(Math.abs(2 * gaps * p[i] - 2L * i * length) <= gaps, "evenly spread: " + p[i] + " at " + i);
        }
    }
}
