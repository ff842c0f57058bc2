package dev.unfold.media;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * One image as the core's input tensor with N = 1: {@code values} holds (C, H, W) in row-major order,
 * each in [0, 1]. The array is copied in and out, so an instance never changes.
 */
public record ImageTensor(ColorMode mode, int height, int width, double[] values) {

    public ImageTensor {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("size " + height + "×" + width + " is empty");
        }
        if (values.length != (long) mode.channels() * height * width) {
            throw new IllegalArgumentException(values.length + " values for " + mode.channels() + "×" + height
                    + "×" + width);
        }
        values = values.clone();
    }

    /**
     * Reads every pixel of {@code image} at its own size. Transparent pixels are taken as lying on white,
     * which is what image viewers show.
     */
    public static ImageTensor of(BufferedImage image, ColorMode mode) {
        int h = image.getHeight();
        int w = image.getWidth();
        int plane = h * w;
        double[] rgb = new double[3 * plane];
        int[] argb = Pixels.argb(image, 0, 0, w, h);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            int alpha = p >>> 24;
            rgb[i] = Pixels.onWhite((p >> 16) & 0xff, alpha);
            rgb[plane + i] = Pixels.onWhite((p >> 8) & 0xff, alpha);
            rgb[2 * plane + i] = Pixels.onWhite(p & 0xff, alpha);
        }
        return new ImageTensor(ColorMode.RGB, h, w, rgb).inMode(mode);
    }

    /** ITU-R BT.601 luma of gamma-encoded components in [0, 1]. */
    public static double luma(double r, double g, double b) {
        return Math.min(1.0, 0.299 * r + 0.587 * g + 0.114 * b);
    }

    /** The same picture with {@code target}'s channels: luma for grayscale, the grey repeated for RGB. */
    public ImageTensor inMode(ColorMode target) {
        if (target == mode) {
            return this;
        }
        int plane = height * width;
        if (target == ColorMode.GRAYSCALE) {
            double[] gray = new double[plane];
            for (int i = 0; i < plane; i++) {
                gray[i] = luma(values[i], values[plane + i], values[2 * plane + i]);
            }
            return new ImageTensor(target, height, width, gray);
        }
        double[] rgb = new double[3 * plane];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, 0, rgb, c * plane, plane);
        }
        return new ImageTensor(target, height, width, rgb);
    }

    public int channels() {
        return mode.channels();
    }

    /** The tensor's shape (N, C, H, W). */
    public int[] shape() {
        return new int[] {1, channels(), height, width};
    }

    /** A copy of the (C, H, W) values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    public double value(int c, int y, int x) {
        if (c < 0 || c >= channels() || y < 0 || y >= height || x < 0 || x >= width) {
            throw new IndexOutOfBoundsException("(" + c + ", " + y + ", " + x + ") outside " + channels() + "×"
                    + height + "×" + width);
        }
        return values[(c * height + y) * width + x];
    }

    /** The tensor drawn as an image at its own size: a grey image for one channel, RGB for three. */
    public BufferedImage toImage() {
        int plane = height * width;
        if (mode == ColorMode.GRAYSCALE) {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = out.getRaster();
            for (int i = 0; i < plane; i++) {
                raster.setSample(i % width, i / width, 0, to8Bit(values[i]));
            }
            return out;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = to8Bit(values[i]) << 16 | to8Bit(values[plane + i]) << 8 | to8Bit(values[2 * plane + i]);
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    private static int to8Bit(double v) {
        return (int) Math.round(Math.max(0.0, Math.min(1.0, v)) * 255.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageTensor t && t.mode == mode && t.height == height && t.width == width
                && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * mode.hashCode() + height) + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ImageTensor[" + mode + ", 1×" + channels() + "×" + height + "×" + width + "]";
    }
}
