package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.ImageResizer;
import dev.unfold.media.ImageTensor;
import java.awt.image.BufferedImage;

/**
 * An image as the input: resized to the geometry's H × W each time the input is made, so moving the size
 * sliders re-samples the picture instead of cropping a fixed grid. Channel c of every batch item is the
 * image's channel c (for more channels than the mode has, they repeat: c mod channels), so an RGB picture
 * keeps R, G, B in c0, c1, c2 whatever C the sliders say.
 *
 * @param name    what the picture is called in captions and messages (a file name or a sample's name)
 * @param picture the decoded picture, at most {@link #MAX_SIDE} pixels on its longer side; never drawn into
 */
public record ImageInput(String name, BufferedImage picture, ColorMode mode, Framing framing) implements InputSource {

    /**
     * The longest side kept of a decoded image. The grid is at most 64 × 64, and area averaging from a
     * 1024-pixel copy gives what it gives from the full photo to well under one 8-bit level, while a
     * 40-megapixel photo would hold 160 MB for as long as it is the input.
     */
    public static final int MAX_SIDE = 1024;

    /** The picture, reduced first when it is larger than {@link #MAX_SIDE}. */
    public static ImageInput of(String name, BufferedImage decoded, ColorMode mode, Framing framing) {
        int longer = Math.max(decoded.getWidth(), decoded.getHeight());
        BufferedImage kept = decoded;
        if (longer > MAX_SIDE) {
            int h = Math.max(1, (int) Math.round((double) decoded.getHeight() * MAX_SIDE / longer));
            int w = Math.max(1, (int) Math.round((double) decoded.getWidth() * MAX_SIDE / longer));
            kept = ImageResizer.resize(decoded, h, w, Framing.STRETCH).toImage();
        }
        return new ImageInput(name, kept, mode, framing);
    }

    /** The picture as it becomes one input image of {@code height × width}, in this input's colour mode. */
    public ImageTensor tensor(int height, int width) {
        return ImageImporter.toTensor(picture, height, width, mode, framing);
    }

    @Override
    public double[] fill(Geometry g) {
        ImageTensor t = tensor(g.h(), g.w());
        double[] image = t.values();
        int plane = g.h() * g.w();
        double[] x = new double[g.inputSize()];
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.c(); c++) {
                System.arraycopy(image, (c % t.channels()) * plane, x, (n * g.c() + c) * plane, plane);
            }
        }
        return x;
    }
}
