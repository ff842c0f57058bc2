package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.Context;
import dev.unfold.cuda.CudaDriver.Event;
import dev.unfold.cuda.CudaDriver.Stream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits for the device with a time limit. A synchronisation blocks inside the driver, where a hung GPU would
 * hold the caller forever and no interrupt reaches it; so each one runs on a helper thread and the caller
 * waits at most the limit, then gets {@link Expired}. The helper is then left blocked: a daemon, it keeps
 * no process alive. First, though, the caller asks the device itself (a query, which never blocks) for half
 * a millisecond: a short wait then ends without the hand-off to the helper and back, which cost 20–40 µs on
 * the 2-core development machine and which the bench would count in every call.
 *
 * <p>The limit is the base (the probe's time limit) plus time for the call's work at rates far below any
 * GPU the driver supports, so it cannot cut real work short however large: one second per 100 MB the call
 * moves and per GFLOP of its product.
 */
final class Watchdog implements AutoCloseable {

    static final double BYTES_PER_SECOND = 1e8;
    static final double FLOPS_PER_SECOND = 1e9;
    private static final long ASK_NANOS = 500_000;

    /** A synchronisation that did not return within the limit. */
    static final class Expired extends RuntimeException {
        private final String call;
        private final Duration limit;

        Expired(String call, Duration limit) {
            super(call + " did not return within " + CudaFailures.seconds(limit));
            this.call = call;
            this.limit = limit;
        }

        String call() {
            return call;
        }

        Duration limit() {
            return limit;
        }
    }

    private final CudaDriver driver;
    private final Context context;
    private final Duration base;
    private Duration limit;
    private ExecutorService helper;
    private int handOffs;

    Watchdog(CudaDriver driver, Context context, Duration base) {
        this.driver = driver;
        this.context = context;
        this.base = base;
        this.limit = base;
    }

    /** The limit for a call that moves {@code bytes} and computes {@code flops}: whole seconds on the base. */
    static Duration limit(Duration base, long bytes, double flops) {
        return base.plusSeconds((long) (bytes / BYTES_PER_SECOND + flops / FLOPS_PER_SECOND));
    }

    /** Sets the limit for the waits of the call about to start. */
    void expect(long bytes, double flops) {
        limit = limit(base, bytes, flops);
    }

    void await(Event event) {
        await("cuEventSynchronize", () -> driver.isDone(event), () -> driver.synchronize(event));
    }

    void await(Stream stream) {
        await("cuStreamSynchronize", () -> driver.isDone(stream), () -> driver.synchronize(stream));
    }

    /** How many waits went to the helper thread: those the device did not answer within the asking time. */
    int handOffs() {
        return handOffs;
    }

    private void await(String call, BooleanSupplier ran, Runnable sync) {
        long asked = System.nanoTime();
        do {
            if (ran.getAsBoolean()) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - asked < ASK_NANOS);
        handOffs++;
        if (helper == null) {
            helper = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "unfold-cuda-sync");
                t.setDaemon(true);
                return t;
            });
        }
        Future<?> done = helper.submit(() -> {
            driver.makeCurrent(context);
            sync.run();
        });
        long deadline = asked + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException e) {
                    // the device may still be writing the caller's buffers: the wait goes on, bounded as before
                    interrupted = true;
                } catch (TimeoutException e) {
                    throw new Expired(call, limit);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.shutdown();
        }
    }

    /**
     * After {@link #close()}: blocks until a synchronisation that outlasted its limit has returned from the
     * driver (it may never), so that nothing destroys the event it waits on, or the context, under it.
     */
    void awaitReturn() {
        if (helper == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                if (helper.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
