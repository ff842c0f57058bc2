package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Launch shapes stay inside CUDA's limits for every geometry, up to the largest a Java array holds. */
class LaunchPlanTest {

    @Provide
    Arbitrary<Geometry> geometries() {
        List<Arbitrary<Integer>> parts = List.of(
                Arbitraries.integers().between(1, 512), Arbitraries.integers().between(1, 2048),
                Arbitraries.integers().between(1, 4096), Arbitraries.integers().between(1, 4096),
                Arbitraries.integers().between(1, 11), Arbitraries.integers().between(1, 11),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3));
        return Combinators.combine(parts).as(v -> v)
                .filter(v -> Geometry.problems(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6),
                        v.get(7), v.get(8), v.get(9), v.get(10), v.get(11)).isEmpty())
                .map(v -> new Geometry(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                        v.get(8), v.get(9), v.get(10), v.get(11)));
    }

    @Property
    void rowsPlanCoversEveryTapInWholeWarpsWithinLimits(@ForAll("geometries") Geometry g) {
        LaunchPlan p = LaunchPlan.rows(g);
        int bx = p.block().x();
        assertEquals(0, bx % 32, "whole warps of taps");
        assertTrue(bx * p.block().y() <= 1024 && bx * p.block().y() >= 32, "block of " + p.block());
        assertTrue((long) p.grid().x() * bx >= g.patchSize(), "every tap has a thread");
        assertTrue(p.grid().x() * bx - g.patchSize() < bx, "no block without a tap");
        assertTrue(p.grid().y() >= 1 && p.grid().y() <= LaunchPlan.MAX_GRID_Y);
        assertEquals(1, p.grid().z());
    }

    @Property
    void elementwisePlanIsBoundedAndSufficient(@ForAll @LongRange(min = 1, max = Integer.MAX_VALUE) long items,
                                               @ForAll @IntRange(min = 1, max = 200) int multiprocessors) {
        LaunchPlan p = LaunchPlan.elementwise(items, multiprocessors);
        assertEquals(LaunchPlan.THREADS, p.block().x());
        assertTrue(p.grid().x() >= 1 && p.grid().x() <= multiprocessors * LaunchPlan.BLOCKS_PER_SM);
        assertTrue(threads(p) >= items || p.grid().x() == multiprocessors * LaunchPlan.BLOCKS_PER_SM,
                "fewer threads than items only when the grid is at its cap (the loop strides over the rest)");
        assertTrue(threads(p) < items + LaunchPlan.THREADS, "no block without an item");
    }

    private static long threads(LaunchPlan p) {
        return (long) p.grid().x() * p.grid().y() * p.grid().z() * p.block().x() * p.block().y() * p.block().z();
    }
}
