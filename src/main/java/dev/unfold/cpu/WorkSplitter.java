package dev.unfold.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent units of work on a fixed set of daemon threads, the caller taking the first share.
 * Units are split into equal contiguous ranges, so each thread writes one contiguous part of the output.
 */
final class WorkSplitter implements AutoCloseable {

    /** Work below this many element moves runs on the caller: a hand-off costs more than it saves. */
    static final long SMALL = 1 << 15;

    interface UnitRange {
        void run(int from, int to);
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final long smallWork;
    private final ExecutorService helpers;

    WorkSplitter(int threads, long smallWork) {
        this.threads = threads;
        this.smallWork = smallWork;
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.helpers = threads <= 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "unfold-cpu-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    void run(int units, long work, UnitRange body) {
        int parts = work < smallWork ? 1 : Math.min(threads, units);
        if (parts <= 1) {
            body.run(0, units);
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) units * p / parts);
            int to = (int) ((long) units * (p + 1) / parts);
            futures[p - 1] = helpers.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) units / parts));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for CPU workers", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
