package dev.unfold.app.model;

import dev.unfold.core.BackendParts;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;

/**
 * One computed state of the col2im and GEMM views, every number from the selected backend: the convolution's
 * forward and backward pass (the core's {@link Conv2d}), the gradient column the col2im view accumulates and the
 * backend's col2im of it, the core's trace of the chosen order, and the overlap counts. Immutable; the arrays are
 * never written after construction.
 *
 * @param input       x (N, C, H, W), the same values as the im2col view's frame
 * @param column      im2col(x) in rows order (N·OH·OW, C·KH·KW), from the forward pass
 * @param weight      W (OC, C·KH·KW)
 * @param bias        b (OC)
 * @param output      y = col · Wᵀ + b reshaped to (N, OC, OH, OW)
 * @param outputGrad  gy (N, OC, OH, OW)
 * @param gradients   Conv2d's backward for gy: gx, gW, gb and the column gradient gy · W (rows order)
 * @param gradColumn  what the col2im view accumulates, in {@code layout}'s memory order
 * @param col2im      the backend's col2im of {@code gradColumn}: where the animation must end
 * @param stepOfCell  for matrix cell row·C·KH·KW + tap: the trace step that adds it, or -1 when none does
 * @param windowCount for input position y·W + x: how many windows cover it, from the core's
 *                    {@link dev.unfold.core.Axis#windowCount} along each axis
 * @param roundTrip   col2im(im2col(x)), (N, C, H, W)
 */
public record BackwardFrame(long generation, Geometry geometry, Layout layout, TraceOrder order,
                            double[] input, double[] column, double[] weight, double[] bias, double[] output,
                            double[] outputGrad, Conv2d.Gradients gradients, GradientPreset gradientPreset,
                            double[] gradColumn, double[] col2im, Trace trace, int[] stepOfCell,
                            Col2imReplay.Checkpoints checkpoints, int[] windowCount, double[] roundTrip,
                            BackendParts backend, String cudaUnavailable, long computeNanos) {

    public int outChannels() {
        return bias.length;
    }

    /** Rows of the column matrix and of the product's output: N·OH·OW. */
    public int rows() {
        return geometry.patchCount();
    }

    /** The inner dimension C·KH·KW. */
    public int taps() {
        return geometry.patchSize();
    }

    /** Flat index into (N, OC, OH, OW) of product row {@code row} (n, oy, ox) and output channel {@code oc}. */
    public int outputIndex(int row, int oc) {
        int ohw = geometry.oh() * geometry.ow();
        return (row / ohw * outChannels() + oc) * ohw + row % ohw;
    }

    /** y[row, oc]: the product's output before the reshape. */
    public double y(int row, int oc) {
        return output[outputIndex(row, oc)];
    }

    /** gy[row, oc] in the product's (N·OH·OW, OC) arrangement. */
    public double gy(int row, int oc) {
        return outputGrad[outputIndex(row, oc)];
    }

    public double col(int row, int tap) {
        return column[row * taps() + tap];
    }

    public double w(int oc, int tap) {
        return weight[oc * taps() + tap];
    }

    /** The col2im view's gradient at matrix cell (row, tap). */
    public double grad(int row, int tap) {
        return gradColumn[layout.index(geometry, row, tap)];
    }

    /** How many windows cover input position (y, x); the same for every image and channel. */
    public int windowCount(int y, int x) {
        return windowCount[y * geometry.w() + x];
    }

    public long col2imLength() {
        return trace.length();
    }
}
