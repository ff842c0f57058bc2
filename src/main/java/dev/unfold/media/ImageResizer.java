package dev.unfold.media;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Resizes images for the input grid by area averaging: each output pixel is the mean of the part of the
 * image it covers, source pixels weighted by how much of them lies inside. This is the box filter in
 * both directions, exact in double precision. Bilinear filtering, even in halving steps, skips pixels
 * whenever the scale is not a power of two, and on a classroom input of 28×28 that aliasing shows.
 * AWT's own AreaAveragingScaleFilter does the same averaging but only to 8-bit ints and through the
 * old ImageProducer pipeline; this is a few lines and is checked against a slow 2-D definition in the tests.
 */
public final class ImageResizer {
    /** The largest input side we resize to; input grids in the app are far smaller. */
    public static final int MAX_SIDE = 8192;

    /** Source pixels converted per block; keeps memory flat for a 40-megapixel photo. */
    private static final int BLOCK_PIXELS = 1 << 20;

    private ImageResizer() {
    }

    /**
     * Returns the image, resized to exactly {@code height × width}, as an RGB tensor with values in [0, 1].
     * Transparent parts of {@code source} are laid on white.
     */
    public static ImageTensor resize(BufferedImage source, int height, int width, Framing framing) {
        if (height < 1 || width < 1 || height > MAX_SIDE || width > MAX_SIDE) {
            throw new IllegalArgumentException("target size " + height + "×" + width + " is outside 1.." + MAX_SIDE);
        }
        Rectangle2D region = framing == Framing.CROP
                ? centredRegion(source.getHeight(), source.getWidth(), height, width)
                : new Rectangle2D.Double(0, 0, source.getWidth(), source.getHeight());
        Spans cols = new Spans(region.getX(), region.getWidth(), width, source.getWidth());
        Spans rows = new Spans(region.getY(), region.getHeight(), height, source.getHeight());
        int col0 = cols.first[0];
        int colCount = cols.end(width - 1) - col0;
        int rowEnd = rows.end(height - 1);
        int band = Math.max(1, BLOCK_PIXELS / colCount);

        int plane = height * width;
        double[] out = new double[3 * plane];
        double[] across = new double[3 * width];
        int[] block = null;
        int blockRow = 0;
        int blockRows = 0;
        int firstOpen = 0;
        for (int k = rows.first[0]; k < rowEnd; k++) {
            if (k >= blockRow + blockRows) {
                blockRow = k;
                blockRows = Math.min(band, rowEnd - k);
                block = Pixels.argb(source, col0, blockRow, colCount, blockRows);
            }
            int offset = (k - blockRow) * colCount - col0;
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                double[] weights = cols.weights[x];
                for (int t = 0; t < weights.length; t++) {
                    int p = block[offset + cols.first[x] + t];
                    int alpha = p >>> 24;
                    r += weights[t] * Pixels.onWhite((p >> 16) & 0xff, alpha);
                    g += weights[t] * Pixels.onWhite((p >> 8) & 0xff, alpha);
                    b += weights[t] * Pixels.onWhite(p & 0xff, alpha);
                }
                across[x] = r;
                across[width + x] = g;
                across[2 * width + x] = b;
            }
            while (rows.end(firstOpen) <= k) {
                firstOpen++;
            }
            for (int y = firstOpen; y < height && rows.first[y] <= k; y++) {
                double weight = rows.weights[y][k - rows.first[y]];
                for (int c = 0; c < 3; c++) {
                    int to = c * plane + y * width;
                    int from = c * width;
                    for (int x = 0; x < width; x++) {
                        out[to + x] += weight * across[from + x];
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0.0, Math.min(1.0, out[i]));
        }
        return new ImageTensor(ColorMode.RGB, height, width, out);
    }

    /** The largest centred part of a {@code sourceH × sourceW} image with the target's aspect ratio. */
    static Rectangle2D centredRegion(int sourceH, int sourceW, int targetH, int targetW) {
        // Compare sourceW/sourceH with targetW/targetH without rounding: cross-multiply in long.
        long wide = (long) sourceW * targetH;
        long tall = (long) targetW * sourceH;
        if (wide > tall) {
            double w = (double) sourceH * targetW / targetH;
            return new Rectangle2D.Double((sourceW - w) / 2, 0, w, sourceH);
        }
        if (wide < tall) {
            double h = (double) sourceW * targetH / targetW;
            return new Rectangle2D.Double(0, (sourceH - h) / 2, sourceW, h);
        }
        return new Rectangle2D.Double(0, 0, sourceW, sourceH);
    }

    /**
     * Along one axis: which source pixels each of {@code n} output pixels covers and with what weight.
     * Output pixel i covers [origin + i·scale, origin + (i+1)·scale); its weights sum to 1.
     */
    static final class Spans {
        final int[] first;
        final double[][] weights;

        Spans(double origin, double extent, int n, int sourceSize) {
            first = new int[n];
            weights = new double[n][];
            double scale = extent / n;
            for (int i = 0; i < n; i++) {
                double a = Math.max(0, origin + i * scale);
                double b = Math.min(sourceSize, origin + (i + 1) * scale);
                int lo = Math.min((int) Math.floor(a), sourceSize - 1);
                int hi = Math.max(lo + 1, Math.min(sourceSize, (int) Math.ceil(b)));
                double[] w = new double[hi - lo];
                double sum = 0;
                for (int k = lo; k < hi; k++) {
                    w[k - lo] = Math.max(0, Math.min(b, k + 1) - Math.max(a, k));
                    sum += w[k - lo];
                }
                for (int t = 0; t < w.length; t++) {
                    w[t] = sum > 0 ? w[t] / sum : 1.0 / w.length;
                }
                first[i] = lo;
                weights[i] = w;
            }
        }

        /** One past the last source pixel that output pixel {@code i} covers. */
        int end(int i) {
            return first[i] + weights[i].length;
        }
    }
}
