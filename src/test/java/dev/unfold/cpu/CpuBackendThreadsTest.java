package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Calls across threads, and closing. Every call's threads share one LoopPlan. What a loop reads from it must be complete before any thread starts:
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

    @Test
    void aClosedBackendRefusesEveryCall() {
        for (CpuBackend cpu : new CpuBackend[] {new CpuBackend(1), new CpuBackend(4)}) {
            cpu.close();
            for (Geometry g : new Geometry[] {Geometry.of(1, 1, 8, 8, 3, 1, 1), Geometry.of(1, 8, 64, 64, 3, 1, 1)}) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> cpu.im2col(g, Layout.TENSOR, new float[g.inputSize()]));
                assertEquals("the CPU backend is closed", e.getMessage());
            }
        }
    }

    @Test
    void closingDuringACallLetsItFinishOrRefuseItBeforeItWrites() throws Exception {
        Geometry g = Geometry.of(1, 64, 64, 64, 3, 1, 1);
        float[] x = new float[g.inputSize()];
        Random r = new Random(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] expected = Reference.im2col(g, Layout.TENSOR, x);
        for (int trial = 0; trial < 100; trial++) {
            CpuBackend cpu = new CpuBackend(4, 0);
            float[] col = new float[g.columnSize()];
            Thread closer = new Thread(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(r.nextInt(1_000_000));
                cpu.close();
            });
            closer.start();
            IllegalStateException refused = null;
            while (refused == null) {
                java.util.Arrays.fill(col, Float.NaN);
                try {
                    cpu.im2col(g, Layout.TENSOR, x, col);
                    assertArrayEquals(expected, col, "a call that returns has written everything");
                } catch (IllegalStateException e) {
                    refused = e;
                }
            }
            closer.join();
            assertEquals("the CPU backend is closed", refused.getMessage());
            float[] after = col.clone();
            Thread.sleep(1);
            assertArrayEquals(after, col, "nothing writes into the buffer once the call has returned");
            assertTrue(Float.isNaN(col[0]) && Float.isNaN(col[col.length - 1]), "a refused call writes nothing");
        }
    }
}
