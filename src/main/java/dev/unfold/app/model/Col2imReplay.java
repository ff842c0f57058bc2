package dev.unfold.app.model;

import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The running state of a col2im trace after any number of its moves: for every cell of the padded input, the
 * sum added so far and how many additions made it. Inside the input the sums are exactly what the core's
 * {@link Trace#replayCol2im} gives for the same number of moves; moves that land in the padding (the seed's CPU
 * loop adds into a padded image, then crops) are kept on the padded ring, so the view can show what is cropped.
 *
 * <p>Seeking is exact in both directions: going back restores the nearest earlier checkpoint and replays
 * forward from it, so every pixel's additions happen in the same order as from zero and stepping back undoes a
 * step bit for bit (subtracting would not). Used on the FX thread only; the checkpoints are built in the
 * background.
 */
public final class Col2imReplay {

    /** States after every {@code interval}-th move, immutable once built. */
    public record Checkpoints(int interval, double[][] sums, int[][] counts) {
    }

    private static final long CHECKPOINT_BYTES = 48L << 20;
    private static final int MAX_CHECKPOINTS = 512;
    private static final int MIN_INTERVAL = 256;

    private final Trace trace;
    private final double[] column;
    private final Checkpoints checkpoints;
    private final Geometry g;
    private final int paddedH;
    private final int paddedW;
    private final double[] sums;
    private final int[] counts;
    private long position;

    public Col2imReplay(Trace trace, double[] column, Checkpoints checkpoints) {
        this.trace = trace;
        this.column = column;
        this.checkpoints = checkpoints;
        this.g = trace.geometry();
        this.paddedH = g.h() + 2 * g.ph();
        this.paddedW = g.w() + 2 * g.pw();
        this.sums = new double[paddedSize(g)];
        this.counts = new int[sums.length];
    }

    /** Runs the whole trace once, keeping a copy of the state every interval; stops early when cancelled. */
    public static Checkpoints checkpoints(Trace trace, double[] column, BooleanSupplier cancelled) {
        Geometry g = trace.geometry();
        int size = paddedSize(g);
        long length = trace.length();
        long fit = Math.max(1, Math.min(MAX_CHECKPOINTS, CHECKPOINT_BYTES / (12L * size)));
        int interval = (int) Math.max(MIN_INTERVAL, (length + fit - 1) / fit);
        int n = (int) (length / interval) + 1;
        double[][] s = new double[n][];
        int[][] c = new int[n][];
        Col2imReplay r = new Col2imReplay(trace, column, null);
        for (int k = 0; k < n; k++) {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            r.forward((long) k * interval);
            s[k] = r.sums.clone();
            c[k] = r.counts.clone();
        }
        return new Checkpoints(interval, s, c);
    }

    private static int paddedSize(Geometry g) {
        return g.n() * g.c() * (g.h() + 2 * g.ph()) * (g.w() + 2 * g.pw());
    }

    public long position() {
        return position;
    }

    public long length() {
        return trace.length();
    }

    /** Brings the state to {@code p} moves done, clamped to [0, length]. */
    public void seek(long p) {
        long target = Math.max(0, Math.min(trace.length(), p));
        if (target == position) {
            return;
        }
        int interval = checkpoints.interval();
        if (target < position || target - position > interval) {
            int k = (int) (target / interval);
            System.arraycopy(checkpoints.sums()[k], 0, sums, 0, sums.length);
            System.arraycopy(checkpoints.counts()[k], 0, counts, 0, counts.length);
            position = (long) k * interval;
        }
        forward(target);
    }

    private void forward(long target) {
        for (long s = position; s < target; s++) {
            Move m = trace.move(s);
            int i = paddedIndex(ColumnElement.of(g, m.row(), m.tap()));
            sums[i] += column[m.column()];
            counts[i]++;
        }
        position = target;
    }

    /** Index into the padded planes (N·C, H + 2·PH, W + 2·PW) of where a column element lands. */
    public int paddedIndex(ColumnElement e) {
        return paddedIndex(e.n() * g.c() + e.c(), e.iy(), e.ix());
    }

    /** Index of input position (y, x) of plane n·C + c, in the padding when outside [0, H) × [0, W). */
    public int paddedIndex(int plane, int y, int x) {
        return (plane * paddedH + y + g.ph()) * paddedW + x + g.pw();
    }

    public double sum(int plane, int y, int x) {
        return sums[paddedIndex(plane, y, x)];
    }

    public int count(int plane, int y, int x) {
        return counts[paddedIndex(plane, y, x)];
    }

    /** The sums inside the input, (N, C, H, W): the input gradient accumulated so far. */
    public double[] inner() {
        double[] out = new double[g.inputSize()];
        for (int plane = 0, i = 0; plane < g.n() * g.c(); plane++) {
            for (int y = 0; y < g.h(); y++) {
                for (int x = 0; x < g.w(); x++) {
                    out[i++] = sum(plane, y, x);
                }
            }
        }
        return out;
    }

    /** The contribution counts inside the input, (N, C, H, W). */
    public int[] innerCounts() {
        int[] out = new int[g.inputSize()];
        for (int plane = 0, i = 0; plane < g.n() * g.c(); plane++) {
            for (int y = 0; y < g.h(); y++) {
                for (int x = 0; x < g.w(); x++) {
                    out[i++] = count(plane, y, x);
                }
            }
        }
        return out;
    }

    /** The largest absolute sum so far, for colour scaling; at least a tiny positive number. */
    public double maxAbs() {
        double m = 1e-12;
        for (double v : sums) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public String toString() {
        return "Col2imReplay at " + position + " of " + trace.length() + " " + Arrays.toString(g.inputShape());
    }
}
