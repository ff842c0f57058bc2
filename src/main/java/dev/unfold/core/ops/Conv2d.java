package dev.unfold.core.ops;

import dev.unfold.core.Backend;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;

/**
 * Convolution as im2col followed by one matrix product, the way the seed motivates im2col:
 * {@code y = col · Wᵀ + b}, with col (N·OH·OW, C·KH·KW), W (OC, C·KH·KW), y reshaped to (N, OC, OH, OW).
 * Backward: {@code gW = gyᵀ · col}, {@code gb = Σ gy}, {@code gcol = gy · W}, {@code gx = col2im(gcol)}.
 */
public final class Conv2d {

    /** Everything backward produces, the column gradient included so that views can show it. */
    public record Gradients(double[] input, double[] weight, double[] bias, double[] column) {
    }

    private final Backend backend;
    private final Geometry geometry;
    private final int outChannels;
    private double[] column;
    private double[] weight;

    public Conv2d(Backend backend, Geometry geometry, int outChannels) {
        if (outChannels < 1) {
            throw new IllegalArgumentException("output channels OC must be at least 1, got " + outChannels);
        }
        long weights = (long) outChannels * geometry.patchSize();
        long outputs = (long) geometry.patchCount() * outChannels;
        if (weights > Geometry.MAX_ARRAY || outputs > Geometry.MAX_ARRAY) {
            throw new IllegalArgumentException("output channels OC = " + outChannels + " make the weights ("
                    + weights + ") or the output (" + outputs + " elements) larger than a Java array holds");
        }
        this.backend = backend;
        this.geometry = geometry;
        this.outChannels = outChannels;
    }

    public Geometry geometry() {
        return geometry;
    }

    public int outChannels() {
        return outChannels;
    }

    /** Output shape (N, OC, OH, OW). */
    public int[] outputShape() {
        return new int[] {geometry.n(), outChannels, geometry.oh(), geometry.ow()};
    }

    public int outputSize() {
        return geometry.n() * outChannels * geometry.oh() * geometry.ow();
    }

    /**
     * @param input  (N, C, H, W)
     * @param weight (OC, C·KH·KW), i.e. (OC, C, KH, KW) flattened
     * @param bias   (OC), or null for none
     * @return (N, OC, OH, OW)
     */
    public double[] forward(double[] input, double[] weight, double[] bias) {
        int k = geometry.patchSize();
        require("weight", weight.length, outChannels * k);
        if (bias != null) {
            require("bias", bias.length, outChannels);
        }
        double[] col = backend.im2col(geometry, Layout.ROWS, input);
        int rows = geometry.patchCount();
        double[] product = new double[rows * outChannels];
        backend.matmul(rows, outChannels, k, col, false, weight, true, product);
        double[] out = new double[outputSize()];
        int ohw = geometry.oh() * geometry.ow();
        for (int r = 0; r < rows; r++) {
            int n = r / ohw;
            int o = r % ohw;
            for (int oc = 0; oc < outChannels; oc++) {
                out[(n * outChannels + oc) * ohw + o] = product[r * outChannels + oc] + (bias == null ? 0 : bias[oc]);
            }
        }
        // kept only once the call has succeeded, so that a failed forward leaves backward on the last good one
        this.weight = weight.clone();
        this.column = col;
        return out;
    }

    /** The column matrix of the last forward, (N·OH·OW, C·KH·KW). */
    public double[] column() {
        if (column == null) {
            throw new IllegalStateException("forward has not run");
        }
        return column.clone();
    }

    /** Gradients for an output gradient {@code gy} of shape (N, OC, OH, OW); needs a forward first. */
    public Gradients backward(double[] gy) {
        if (column == null) {
            throw new IllegalStateException("backward needs a forward first");
        }
        require("output gradient", gy.length, outputSize());
        int rows = geometry.patchCount();
        int k = geometry.patchSize();
        int ohw = geometry.oh() * geometry.ow();
        double[] gyRows = new double[rows * outChannels];
        double[] gb = new double[outChannels];
        for (int r = 0; r < rows; r++) {
            int n = r / ohw;
            int o = r % ohw;
            for (int oc = 0; oc < outChannels; oc++) {
                double v = gy[(n * outChannels + oc) * ohw + o];
                gyRows[r * outChannels + oc] = v;
                gb[oc] += v;
            }
        }
        double[] gw = new double[outChannels * k];
        backend.matmul(outChannels, k, rows, gyRows, true, column, false, gw);
        double[] gcol = new double[rows * k];
        backend.matmul(rows, k, outChannels, gyRows, false, weight, false, gcol);
        double[] gx = backend.col2im(geometry, Layout.ROWS, gcol);
        return new Gradients(gx, gw, gb, gcol);
    }

    private static void require(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " elements, expected " + expected);
        }
    }
}
