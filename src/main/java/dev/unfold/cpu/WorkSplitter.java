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

    /**
     * Runs units [0, units) and returns only when every part has finished, also when one fails: the parts
     * write into the caller's buffers, which must not change after the call returns.
     */
    void run(int units, long work, UnitRange body) {
        int parts = work < smallWork ? 1 : Math.min(threads, units);
        if (parts <= 1) {
            body.run(0, units);
            return;
        }
        if (helpers.isShutdown()) {
            throw new IllegalStateException("the CPU backend is closed");
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) units * p / parts);
            int to = (int) ((long) units * (p + 1) / parts);
            futures[p - 1] = helpers.submit(() -> body.run(from, to));
        }
        Throwable failure = null;
        try {
            body.run(0, (int) ((long) units / parts));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the part still writes into the caller's buffer
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
