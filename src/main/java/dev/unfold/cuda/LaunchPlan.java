package dev.unfold.cuda;

import dev.unfold.core.Geometry;
import dev.unfold.cuda.CudaDriver.Dim3;

/**
 * Grid and block shapes for the kernels. The kernels are grid-stride loops, correct for any shape; these
 * choose shapes that fill the device: enough blocks for a few waves, and no more, so each thread handles
 * several elements and the divisions that locate its first one are paid once.
 */
record LaunchPlan(Dim3 grid, Dim3 block) {

    static final int THREADS = 256;
    /** Blocks per multiprocessor in the elementwise plans: 8 resident blocks of 256 threads, 4 waves. */
    static final int BLOCKS_PER_SM = 32;
    /** The CUDA limit on gridDim.y and gridDim.z. */
    static final int MAX_GRID_Y = 65535;
    /** Patch rows one thread of im2col_rows walks per run; ROWS_PER_THREAD in the kernel source. */
    static final int ROWS_PER_THREAD = 32;

    /** One thread per item, 1-D: im2col_tap_major (items N·C·OH·OW) and col2im (items N·C·H·W). */
    static LaunchPlan elementwise(long items, int multiprocessors) {
        long blocks = Math.min(ceilDiv(items, THREADS), (long) Math.max(1, multiprocessors) * BLOCKS_PER_SM);
        return new LaunchPlan(new Dim3((int) Math.max(1, blocks), 1, 1), new Dim3(THREADS, 1, 1));
    }

    /**
     * im2col_rows: x covers the C·KH·KW taps of a patch row in whole warps with as few idle lanes as the
     * block size allows; y adds rows walked side by side when a row has few taps; the grid's y dimension
     * takes runs of rows.
     */
    static LaunchPlan rows(Geometry g) {
        int taps = g.patchSize();
        int parts = (int) ceilDiv(taps, THREADS);
        int bx = (int) Math.min(THREADS, roundUp(ceilDiv(taps, parts), 32));
        int by = Math.max(1, THREADS / bx);
        long runs = ceilDiv(g.patchCount(), (long) by * ROWS_PER_THREAD);
        int gx = (int) ceilDiv(taps, bx);
        int gy = (int) Math.min(runs, MAX_GRID_Y);
        return new LaunchPlan(new Dim3(gx, gy, 1), new Dim3(bx, by, 1));
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long roundUp(long a, long multiple) {
        return ceilDiv(a, multiple) * multiple;
    }
}
