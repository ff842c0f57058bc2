package dev.unfold.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/** Reads pixels as sRGB ARGB ints, the same way for every kind of image. */
final class Pixels {
    private Pixels() {
    }

    /**
     * The {@code w × h} block at ({@code x}, {@code y}) as row-major ARGB. Grey images are read as their stored
     * levels: Java treats a grey colour space as linear light, so {@link BufferedImage#getRGB}, and Java2D's blit
     * for every grey type but the plain 8-bit one (grey with alpha, grey with a PNG tRNS chunk), brighten grey
     * 128 to 188, where a PNG's or JPEG's grey levels are meant as they are. Other types go through Java2D's
     * blit to an ARGB image, which converts palettes and colour spaces.
     */
    static int[] argb(BufferedImage image, int x, int y, int w, int h) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_RGB) {
            return image.getRGB(x, y, w, h, null, 0, w);
        }
        ColorModel cm = image.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return greyLevels(image, x, y, w, h);
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

    /** Grey and alpha samples straight from the raster, scaled from their bit depth to 8 bits. */
    private static int[] greyLevels(BufferedImage image, int x, int y, int w, int h) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int[] grey = raster.getSamples(x, y, w, h, 0, (int[]) null);
        int[] alpha = cm.hasAlpha() ? raster.getSamples(x, y, w, h, cm.getNumComponents() - 1, (int[]) null) : null;
        int greyMax = (1 << cm.getComponentSize(0)) - 1;
        int alphaMax = alpha == null ? 1 : (1 << cm.getComponentSize(cm.getNumComponents() - 1)) - 1;
        int[] out = new int[grey.length];
        for (int i = 0; i < out.length; i++) {
            int a = alpha == null ? 255 : to8(alpha[i], alphaMax);
            int g = to8(grey[i], greyMax);
            if (alpha != null && cm.isAlphaPremultiplied()) {
                g = alpha[i] == 0 ? 0 : (int) Math.min(255, Math.round(grey[i] * 255.0 / alpha[i]));
            }
            out[i] = a << 24 | g << 16 | g << 8 | g;
        }
        return out;
    }

    private static int to8(int sample, int max) {
        return max == 255 ? sample : (int) Math.round(sample * 255.0 / max);
    }

    /** One 8-bit component in [0, 1], laid on white according to its pixel's alpha. */
    static double onWhite(int component, int alpha) {
        double a = alpha / 255.0;
        return component / 255.0 * a + (1.0 - a);
    }
}
