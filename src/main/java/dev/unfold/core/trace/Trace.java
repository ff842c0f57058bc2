package dev.unfold.core.trace;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;

/**
 * The ordered element moves of one op on one geometry, computed on demand: O(1) memory in the
 * trace length, so a 64×64 input with a 7×7 kernel costs nothing until a step is asked for.
 */
public interface Trace {

    Geometry geometry();

    Layout layout();

    TraceOrder order();

    long length();

    /** The move at {@code step}, 0 ≤ step &lt; length(). */
    Move move(long step);

    /** Applies moves [0, steps): im2col writes column elements (padding as 0), leaving others as they are. */
    default void replayIm2col(double[] input, double[] column, long steps) {
        for (long s = 0; s < steps; s++) {
            Move m = move(s);
            column[m.column()] = m.padding() ? 0.0 : input[m.input()];
        }
    }

    default void replayIm2col(float[] input, float[] column, long steps) {
        for (long s = 0; s < steps; s++) {
            Move m = move(s);
            column[m.column()] = m.padding() ? 0f : input[m.input()];
        }
    }

    /** Zeroes {@code input}, then adds moves [0, steps) into it; padding moves are dropped, as the seed crops them. */
    default void replayCol2im(double[] column, double[] input, long steps) {
        java.util.Arrays.fill(input, 0.0);
        for (long s = 0; s < steps; s++) {
            Move m = move(s);
            if (!m.padding()) {
                input[m.input()] += column[m.column()];
            }
        }
    }

    default void replayCol2im(float[] column, float[] input, long steps) {
        java.util.Arrays.fill(input, 0f);
        for (long s = 0; s < steps; s++) {
            Move m = move(s);
            if (!m.padding()) {
                input[m.input()] += column[m.column()];
            }
        }
    }
}
