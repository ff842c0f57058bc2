package dev.unfold.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
    private volatile boolean closed;

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
        if (closed) {
            throw new IllegalStateException("the CPU backend is closed");
        }
        int parts = work < smallWork ? 1 : Math.min(threads, units);
        if (parts <= 1) {
            body.run(0, units);
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        Throwable failure = null;
        int submitted = 0;
        try {
            for (; submitted < parts - 1; submitted++) {
                int from = (int) ((long) units * (submitted + 1) / parts);
                int to = (int) ((long) units * (submitted + 2) / parts);
                futures[submitted] = helpers.submit(() -> body.run(from, to));
            }
        } catch (RejectedExecutionException e) {
            // closed while this call was starting: the parts not handed off run here, so the call still completes
        }
        try {
            body.run(0, (int) ((long) units / parts));
            for (int p = submitted + 1; p < parts; p++) {
                body.run((int) ((long) units * p / parts), (int) ((long) units * (p + 1) / parts));
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (int i = 0; i < submitted; i++) {
            while (true) {
                try {
                    futures[i].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the part still writes into the caller's buffer
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else if (failure != e.getCause()) {
                        failure.addSuppressed(e.getCause());
                    }
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

    /** Calls that start afterwards fail; calls already running finish, on the caller's thread if need be. */
    @Override
    public void close() {
        closed = true;
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
