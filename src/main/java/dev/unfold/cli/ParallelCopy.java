package dev.unfold.cli;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * The copy floor: {@code System.arraycopy} split into equal contiguous parts over a fixed set of threads
 * (the caller and T−1 daemon workers), the way the CPU backend splits its work. Workers wait on a barrier
 * between copies, so timing a copy allocates nothing and starts no thread.
 */
final class ParallelCopy implements AutoCloseable {

    /** Below this many elements one thread copies alone, as the backend keeps small work on the caller. */
    static final int SMALL = 1 << 15;

    private final int threads;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    // written by the caller before start.await(), which orders them before the workers' reads
    private Object src;
    private Object dst;
    private int length;
    private boolean closed;

    ParallelCopy(int threads) {
        this.threads = threads;
        this.start = new CyclicBarrier(threads);
        this.done = new CyclicBarrier(threads);
        for (int part = 1; part < threads; part++) {
            int p = part;
            Thread t = new Thread(() -> work(p), "unfold-copy-floor-" + part);
            t.setDaemon(true);
            t.start();
        }
    }

    /** Copies {@code length} elements from the start of {@code src} to the start of {@code dst}. */
    void copy(Object src, Object dst, int length) {
        if (threads == 1 || length < SMALL) {
            System.arraycopy(src, 0, dst, 0, length);
            return;
        }
        this.src = src;
        this.dst = dst;
        this.length = length;
        await(start);
        copyPart(0);
        await(done);
    }

    private void work(int part) {
        while (true) {
            await(start);
            if (closed) {
                return;
            }
            copyPart(part);
            await(done);
        }
    }

    private void copyPart(int part) {
        int from = (int) ((long) length * part / threads);
        int to = (int) ((long) length * (part + 1) / threads);
        System.arraycopy(src, from, dst, from, to - from);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while copying", e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a copy thread failed", e);
        }
    }

    @Override
    public void close() {
        if (threads > 1 && !closed) {
            closed = true;
            await(start);
        }
    }
}
