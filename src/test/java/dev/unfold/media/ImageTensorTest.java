package dev.unfold.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ImageTensorTest {

    /** Red, green / blue, white. */
    private static BufferedImage primaries() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(0, 1, 0x0000ff);
        image.setRGB(1, 1, 0xffffff);
        return image;
    }

    @Test
    void rgbChannelsHoldRedGreenBlueInThatOrder() {
        ImageTensor rgb = ImageTensor.of(primaries(), ColorMode.RGB);

        assertArrayEquals(new int[] {1, 3, 2, 2}, rgb.shape());
        assertArrayEquals(new double[] {
            1, 0, 0, 1, // red plane
            0, 1, 0, 1, // green plane
            0, 0, 1, 1, // blue plane
        }, rgb.values());
    }

    @Test
    void grayscaleHoldsTheLumaOfEachPixel() {
        ImageTensor gray = ImageTensor.of(primaries(), ColorMode.GRAYSCALE);

        assertArrayEquals(new int[] {1, 1, 2, 2}, gray.shape());
        assertArrayEquals(new double[] {0.299, 0.587, 0.114, 1.0}, gray.values(), 1e-12);
    }

    @Property(tries = 100)
    void valueIndexesTheChannelRowColumnLayout(@ForAll @IntRange(min = 1, max = 9) int h,
                                               @ForAll @IntRange(min = 1, max = 9) int w,
                                               @ForAll boolean rgb, @ForAll long seed) {
        ColorMode mode = rgb ? ColorMode.RGB : ColorMode.GRAYSCALE;
        double[] values = new Random(seed).doubles((long) mode.channels() * h * w).toArray();
        ImageTensor tensor = new ImageTensor(mode, h, w, values);

        for (int c = 0; c < mode.channels(); c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(values[(c * h + y) * w + x], tensor.value(c, y, x));
                }
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.value(mode.channels(), 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.value(0, h, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tensor.value(0, 0, -1));
    }

    @Property(tries = 100)
    void grayscaleIsTheLumaOfTheRgbTensor(@ForAll @IntRange(min = 1, max = 16) int h,
                                          @ForAll @IntRange(min = 1, max = 16) int w,
                                          @ForAll long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }

        ImageTensor rgb = ImageTensor.of(image, ColorMode.RGB);
        ImageTensor gray = ImageTensor.of(image, ColorMode.GRAYSCALE);

        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(ImageTensor.luma(rgb.value(0, y, x), rgb.value(1, y, x), rgb.value(2, y, x)),
                        gray.value(0, y, x), 1e-15);
            }
        }
    }

    @Property(tries = 100)
    void previewShowsTheTensor(@ForAll @IntRange(min = 1, max = 16) int h,
                               @ForAll @IntRange(min = 1, max = 16) int w,
                               @ForAll boolean rgb, @ForAll long seed) {
        ColorMode mode = rgb ? ColorMode.RGB : ColorMode.GRAYSCALE;
        Random random = new Random(seed);
        double[] levels = new double[mode.channels() * h * w];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = random.nextInt(256) / 255.0;
        }
        ImageTensor tensor = new ImageTensor(mode, h, w, levels);

        BufferedImage preview = tensor.toImage();

        assertEquals(w, preview.getWidth());
        assertEquals(h, preview.getHeight());
        assertArrayEquals(levels, ImageTensor.of(preview, mode).values(), 1e-12);
    }

    @Test
    void grayBecomesRgbByRepeatingTheChannel() {
        ImageTensor gray = new ImageTensor(ColorMode.GRAYSCALE, 1, 2, new double[] {0.25, 0.75});

        assertArrayEquals(new double[] {0.25, 0.75, 0.25, 0.75, 0.25, 0.75}, gray.inMode(ColorMode.RGB).values());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        double[] values = {0.5, 0.5};
        ImageTensor tensor = new ImageTensor(ColorMode.GRAYSCALE, 1, 2, values);
        values[0] = 1;
        tensor.values()[1] = 1;

        assertArrayEquals(new double[] {0.5, 0.5}, tensor.values());
    }

    @Test
    void valueCountMustMatchTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new ImageTensor(ColorMode.RGB, 2, 2, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> new ImageTensor(ColorMode.GRAYSCALE, 0, 2, new double[0]));
    }
}
