package dev.unfold.app.model;

import dev.unfold.core.BackendParts;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;

/**
 * One computed state of the im2col view: the input, the column buffer exactly as the selected backend wrote
 * it, and the core's trace of the chosen order, with the step at which the trace writes each column cell.
 * Immutable once built; the arrays are never written after construction.
 *
 * @param column       the backend's im2col result in {@code layout}'s memory order
 * @param stepOfCell   for matrix cell {@code row·C·KH·KW + tap}: the trace step that writes it
 * @param paddingCell  for each matrix cell: true when it holds a padding zero
 * @param backend      the backend that computed {@code column}
 * @param cudaUnavailable why CUDA was not used when it was asked for (auto or CUDA), or null
 * @param computeNanos wall time of the backend's im2col call
 * @param inputMax     largest absolute input value (at least a tiny positive number), for colour scaling
 */
public record Frame(long generation, Geometry geometry, Layout layout, TraceOrder order,
                    double[] input, double[] column, Trace trace, int[] stepOfCell, boolean[] paddingCell,
                    BackendParts backend, String cudaUnavailable, long computeNanos,
                    double inputMax) {

    public long length() {
        return trace.length();
    }

    /** Matrix cell index of (row, tap): rows (n, oy, ox), taps (c, ky, kx). */
    public int cell(int row, int tap) {
        return row * geometry.patchSize() + tap;
    }

    /** The value the backend put at (row, tap), read through the layout. */
    public double value(int row, int tap) {
        return column[layout.index(geometry, row, tap)];
    }

    /** The move shown at {@code position}: the last one done, or null before the first. */
    public Move moveAt(long position) {
        return position <= 0 ? null : trace.move(Math.min(position, length()) - 1);
    }

    public boolean padding(int row, int tap) {
        return paddingCell[cell(row, tap)];
    }

    /** Input value at (n, c, y, x), or 0 in the padding. */
    public double inputValue(int n, int c, int y, int x) {
        Geometry g = geometry;
        if (y < 0 || y >= g.h() || x < 0 || x >= g.w()) {
            return 0;
        }
        return input[((n * g.c() + c) * g.h() + y) * g.w() + x];
    }
}
