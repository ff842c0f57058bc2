package dev.unfold.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Reads pixels as sRGB ARGB ints, the same way for every kind of image. */
final class Pixels {
    private Pixels() {
    }

    /**
     * The {@code w × h} block at ({@code x}, {@code y}) as row-major ARGB. {@link BufferedImage#getRGB} is not
     * used for other image types because it converts grey images as if they were linear light (grey 128
     * comes back as 188); Java2D's blit to an ARGB image copies grey levels as they are.
     */
    static int[] argb(BufferedImage image, int x, int y, int w, int h) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB) {
            return image.getRGB(x, y, w, h, null, 0, w);
        }
        BufferedImage block = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = block.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, -x, -y, null);
        } finally {
            g.dispose();
        }
        return block.getRGB(0, 0, w, h, null, 0, w);
    }

    /** One 8-bit component in [0, 1], laid on white according to its pixel's alpha. */
    static double onWhite(int component, int alpha) {
        double a = alpha / 255.0;
        return component / 255.0 * a + (1.0 - a);
    }
}
