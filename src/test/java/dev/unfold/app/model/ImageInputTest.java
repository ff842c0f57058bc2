package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.unfold.core.Geometry;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.ImageTensor;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageInputTest {

    private static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void everyItemAndChannelIsThePictureResizedToTheGrid() {
        BufferedImage pic = noise(37, 23, 1);
        ImageInput in = ImageInput.of("noise.png", pic, ColorMode.RGB, Framing.CROP);
        Geometry g = new Geometry(2, 4, 9, 7, 3, 3, 1, 1, 1, 1, 1, 1);
        double[] x = in.fill(g);
        ImageTensor t = ImageImporter.toTensor(pic, 9, 7, ColorMode.RGB, Framing.CROP);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 4; c++) {
                for (int y = 0; y < 9; y++) {
                    for (int xx = 0; xx < 7; xx++) {
                        assertEquals(t.value(c % 3, y, xx), x[((n * 4 + c) * 9 + y) * 7 + xx],
                                "n" + n + " c" + c + " (" + y + ", " + xx + ")");
                    }
                }
            }
        }
    }

    @Test
    void grayscaleFillsOneChannelWithTheLuma() {
        BufferedImage pic = noise(16, 16, 2);
        Geometry g = new Geometry(1, 1, 8, 8, 2, 2, 1, 1, 0, 0, 1, 1);
        double[] x = ImageInput.of("g", pic, ColorMode.GRAYSCALE, Framing.STRETCH).fill(g);
        assertArrayEquals(ImageImporter.toTensor(pic, 8, 8, ColorMode.GRAYSCALE, Framing.STRETCH).values(), x);
    }

    @Test
    void aLargePhotoIsKeptReducedAndStillGivesTheSameGrid() {
        BufferedImage small = noise(40, 30, 3);
        assertSame(small, ImageInput.of("s", small, ColorMode.RGB, Framing.CROP).picture());
        // a 2048 × 1536 picture made of 40 × 30 blocks of flat colour: any area average lands on whole blocks
        BufferedImage big = new BufferedImage(2048, 1536, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D gr = big.createGraphics();
        gr.drawImage(small, 0, 0, 2048, 1536, null);
        gr.dispose();
        ImageInput in = ImageInput.of("big", big, ColorMode.RGB, Framing.STRETCH);
        assertEquals(ImageInput.MAX_SIDE, in.picture().getWidth());
        assertEquals(768, in.picture().getHeight());
        ImageTensor direct = ImageImporter.toTensor(big, 6, 8, ColorMode.RGB, Framing.STRETCH);
        ImageTensor viaCopy = in.tensor(6, 8);
        double[] a = direct.values();
        double[] b = viaCopy.values();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1.0 / 255, "value " + i); // within one 8-bit level
        }
    }
}
