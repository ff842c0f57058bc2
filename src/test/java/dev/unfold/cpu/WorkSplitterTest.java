package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The splitter's promises beyond the results: a call returns only once every part has finished, also when a part
 * fails or the caller is interrupted, and reports the failure it met; closing ends the helper threads; a call
 * that meets a close while it hands out its parts still runs every unit once. The backend's tests never make a
 * part fail, and meet a close during hand-out only by chance.
 */
class WorkSplitterTest {

    @Test
    void aFailingHelperPartFailsTheCallOnlyOnceEveryOtherPartHasFinished() {
        try (WorkSplitter splitter = new WorkSplitter(4, 0)) {
            int units = 8; // four parts: [0, 2) on the caller, [2, 4), [4, 6) and [6, 8) on helpers
            AtomicIntegerArray done = new AtomicIntegerArray(units);
            RuntimeException boom = new IllegalArgumentException("part [4, 6)");
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> splitter.run(units, units, (from, to) -> {
                if (from == 4) {
                    throw boom;
                }
                slowly(from, to, done);
            }));
            assertSame(boom, thrown);
            assertEquals(0, thrown.getSuppressed().length);
            assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0, 1, 1}, toArray(done), "the other parts ran to the end");
        }
    }

    @Test
    void theCallersFailureComesFirstWithTheHelpersOnesSuppressed() {
        try (WorkSplitter splitter = new WorkSplitter(4, 0)) {
            RuntimeException callers = new IllegalStateException("caller");
            RuntimeException second = new IllegalStateException("[2, 4)");
            Error third = new AssertionError("[6, 8)");
            AtomicIntegerArray done = new AtomicIntegerArray(8);
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> splitter.run(8, 8, (from, to) -> {
                switch (from) {
                    case 0 -> throw callers;
                    case 2 -> throw second;
                    case 6 -> throw third;
                    default -> slowly(from, to, done);
                }
            }));
            assertSame(callers, thrown);
            assertEquals(List.of(second, third), List.of(thrown.getSuppressed()));
            assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 0, 0}, toArray(done), "the part that did not fail finished");
        }
    }

    @Test
    void onePartsFailureSharedByEveryPartIsThrownOnceWithoutSuppressingItself() {
        try (WorkSplitter splitter = new WorkSplitter(3, 0)) {
            Error same = new AssertionError("every part");
            Error thrown = assertThrows(Error.class, () -> splitter.run(3, 3, (from, to) -> {
                throw same;
            }));
            assertSame(same, thrown);
            assertEquals(0, thrown.getSuppressed().length);
        }
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryPartAndKeepsTheInterrupt() {
        try (WorkSplitter splitter = new WorkSplitter(3, 0)) {
            Thread caller = Thread.currentThread();
            AtomicIntegerArray done = new AtomicIntegerArray(3);
            splitter.run(3, 3, (from, to) -> {
                if (Thread.currentThread() != caller) {
                    caller.interrupt();
                }
                slowly(from, to, done);
            });
            boolean interrupted = Thread.interrupted(); // clears the flag for the tests that follow
            assertArrayEquals(new int[] {1, 1, 1}, toArray(done), "every part finished before the call returned");
            assertTrue(interrupted, "the interrupt is kept for the caller to see");
        }
    }

    @Test
    void closingEndsTheHelperThreads() throws InterruptedException {
        WorkSplitter splitter = new WorkSplitter(3, 0);
        Thread caller = Thread.currentThread();
        Set<Thread> helpers = ConcurrentHashMap.newKeySet();
        splitter.run(3, 3, (from, to) -> {
            if (Thread.currentThread() != caller) {
                helpers.add(Thread.currentThread());
            }
        });
        assertEquals(2, helpers.size(), "two helpers for three threads");
        splitter.close();
        for (Thread t : helpers) {
            t.join(5_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after close");
        }
    }

    @Test
    void aCloseWhileACallHandsOutItsPartsLeavesTheRestToTheCaller() {
        // a helper closes the splitter as soon as it starts, while the caller is still handing out 63 parts: the
        // parts not handed out run on the caller, and every unit runs exactly once all the same
        Thread caller = Thread.currentThread();
        int units = 1000;
        int metClose = 0;
        for (int trial = 0; trial < 200 && metClose < 3; trial++) {
            WorkSplitter splitter = new WorkSplitter(64, 0);
            AtomicIntegerArray runs = new AtomicIntegerArray(units);
            AtomicInteger leftOver = new AtomicInteger();
            splitter.run(units, units, (from, to) -> {
                if (Thread.currentThread() != caller) {
                    splitter.close();
                } else if (from > 0) {
                    leftOver.incrementAndGet();
                }
                for (int i = from; i < to; i++) {
                    runs.incrementAndGet(i);
                }
            });
            splitter.close();
            int[] expected = new int[units];
            java.util.Arrays.fill(expected, 1);
            assertArrayEquals(expected, toArray(runs), "trial " + trial);
            metClose += leftOver.get() > 0 ? 1 : 0;
        }
        assertEquals(3, metClose, "calls that met the close while handing out parts");
    }

    /** Marks units [from, to) done after a pause long enough that a caller not waiting would return first. */
    private static void slowly(int from, int to, AtomicIntegerArray done) {
        LockSupport.parkNanos(30_000_000);
        for (int i = from; i < to; i++) {
            done.incrementAndGet(i);
        }
    }

    private static int[] toArray(AtomicIntegerArray a) {
        int[] out = new int[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }
}
