package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameComputerTest {

    private static FrameComputer.Request request(int h) {
        return new FrameComputer.Request(Geometry.of(1, 1, h, h, 2, 1, 0), Layout.ROWS,
                TraceOrder.IM2COL_BY_PATCH, BackendChoice.AUTO, InputSource.RAMP);
    }

    @Test
    void aResultOvertakenOnItsWayIsDropped() throws Exception {
        LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
        List<Frame> done = new ArrayList<>();
        try (FrameComputer c = new FrameComputer(new Backends(List.of(new CpuBackendProvider())))) {
            c.submit(request(4), inbox::add, done::add, e -> { });
            Runnable first = inbox.poll(30, TimeUnit.SECONDS); // computed and on its way
            c.submit(request(5), inbox::add, done::add, e -> { });
            first.run();
            assertEquals(List.of(), done, "the 4×4 frame arrived after the 5×5 request: dropped");
            inbox.poll(30, TimeUnit.SECONDS).run();
            assertEquals(1, done.size());
            assertEquals(5, done.get(0).geometry().h());
            assertEquals("no cuda backend is built into this installation",
                    done.get(0).cudaUnavailable(), "auto says why it fell back");
        }
    }

    @Test
    void aStormComputesLittleAndDeliversOnlyTheLast() throws Exception {
        LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
        List<Frame> done = new ArrayList<>();
        try (FrameComputer c = new FrameComputer(new Backends(List.of(new CpuBackendProvider())))) {
            for (int i = 0; i < 300; i++) {
                c.submit(request(2 + i % 60), inbox::add, done::add, e -> { });
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (done.isEmpty() && System.nanoTime() < end) {
                Runnable r = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            }
            assertEquals(1, done.size());
            assertEquals(2 + 299 % 60, done.get(0).geometry().h());
            assertTrue(inbox.isEmpty());
        }
    }

    /**
     * A column matrix larger than the heap is refused before it is allocated, with the reason the window words in
     * its own language (the core's sentence was English in the Korean window too).
     */
    @Test
    void aColumnLargerThanTheHeapIsReportedAsOutOfMemory() throws Exception {
        Geometry big = new Geometry(1, 1, 46000, 46000, 1, 1, 1, 1, 0, 0, 1, 1);
        org.junit.jupiter.api.Assumptions.assumeTrue((long) big.columnSize() * 16 > Runtime.getRuntime().maxMemory(),
                "the heap holds 34 GB: nothing too large to test");
        LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
        List<String> failed = new ArrayList<>();
        try (FrameComputer c = new FrameComputer(new Backends(List.of(new CpuBackendProvider())))) {
            c.submit(new FrameComputer.Request(big, Layout.ROWS, TraceOrder.IM2COL_BY_PATCH, BackendChoice.CPU,
                    InputSource.RAMP), inbox::add, f -> { }, failed::add);
            inbox.poll(30, TimeUnit.SECONDS).run();
        }
        assertEquals(List.of(ComputeFailure.OUT_OF_MEMORY), failed);
    }
}
