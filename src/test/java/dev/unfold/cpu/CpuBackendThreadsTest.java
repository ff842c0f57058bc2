package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every call's threads share one LoopPlan. What a loop reads from it must be complete before any thread starts:
 * a table filled lazily by whichever thread came first was once seen half-filled by another thread, which then
 * gathered patch rows from the wrong places (a few geometries in ten thousand random multi-threaded calls).
 */
class CpuBackendThreadsTest {

    @Test
    void everyThreadSeesTheWholePlan() {
        // ROWS im2col that gathers every patch row through the plan's offset table (a long one, 64·5·5): a
        // stride as large as the kernel reuses nothing, so the channels-last loop is not taken either
        Geometry g = new Geometry(1, 64, 15, 15, 5, 5, 5, 5, 0, 0, 1, 1);
        LoopPlan plan = new LoopPlan(g);
        assertTrue(plan.paddedRows && !plan.reuseRows && !plan.channelsLastRows, "the gathering loop");
        Random r = new Random(1);
        float[] x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] expected = Reference.im2col(g, Layout.ROWS, x);
        try (CpuBackend threads = new CpuBackend(3, 0)) {
            float[] col = new float[g.columnSize()];
            for (int call = 0; call < 20_000; call++) {
                threads.im2col(g, Layout.ROWS, x, col);
                assertArrayEquals(expected, col, "call " + call);
            }
        }
        assertNotNull(plan.rowGather());
    }
}
