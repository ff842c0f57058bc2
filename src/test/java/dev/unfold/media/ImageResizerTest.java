package dev.unfold.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ImageResizerTest {

    private static BufferedImage randomImage(int w, int h, long seed, boolean alpha) {
        BufferedImage image = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    /**
     * The definition, slowly and in two dimensions: an output pixel's value is the integral of the image over
     * the rectangle it covers divided by that rectangle's area, the image being constant on each pixel.
     */
    private static double[] slowAreaAverage(BufferedImage image, int height, int width, Rectangle2D region) {
        int plane = height * width;
        double[] out = new double[3 * plane];
        double sx = region.getWidth() / width;
        double sy = region.getHeight() / height;
        for (int j = 0; j < height; j++) {
            for (int i = 0; i < width; i++) {
                double x0 = region.getX() + i * sx;
                double y0 = region.getY() + j * sy;
                double[] sum = new double[3];
                double area = 0;
                for (int k = 0; k < image.getHeight(); k++) {
                    for (int l = 0; l < image.getWidth(); l++) {
                        double ox = Math.max(0, Math.min(x0 + sx, l + 1) - Math.max(x0, l));
                        double oy = Math.max(0, Math.min(y0 + sy, k + 1) - Math.max(y0, k));
                        if (ox * oy == 0) {
                            continue;
                        }
                        int p = image.getRGB(l, k);
                        double a = (p >>> 24) / 255.0;
                        for (int c = 0; c < 3; c++) {
                            int component = (p >> (16 - 8 * c)) & 0xff;
                            sum[c] += ox * oy * (component / 255.0 * a + 1 - a);
                        }
                        area += ox * oy;
                    }
                }
                for (int c = 0; c < 3; c++) {
                    out[c * plane + j * width + i] = sum[c] / area;
                }
            }
        }
        return out;
    }

    @Property(tries = 200)
    void matchesTheSlowDefinition(@ForAll @IntRange(min = 1, max = 30) int sourceW,
                                  @ForAll @IntRange(min = 1, max = 30) int sourceH,
                                  @ForAll @IntRange(min = 1, max = 20) int width,
                                  @ForAll @IntRange(min = 1, max = 20) int height,
                                  @ForAll boolean crop, @ForAll long seed) {
        BufferedImage image = randomImage(sourceW, sourceH, seed, true);
        Rectangle2D region = crop ? ImageResizer.centredRegion(sourceH, sourceW, height, width)
                : new Rectangle2D.Double(0, 0, sourceW, sourceH);

        ImageTensor resized = ImageResizer.resize(image, height, width, crop ? Framing.CROP : Framing.STRETCH);

        assertArrayEquals(new int[] {1, 3, height, width}, resized.shape());
        assertArrayEquals(slowAreaAverage(image, height, width, region), resized.values(), 1e-9);
    }

    @Property(tries = 100)
    void aConstantColourStaysExactlyThatColour(@ForAll @IntRange(min = 1, max = 300) int sourceW,
                                               @ForAll @IntRange(min = 1, max = 300) int sourceH,
                                               @ForAll @IntRange(min = 1, max = 64) int width,
                                               @ForAll @IntRange(min = 1, max = 64) int height,
                                               @ForAll @IntRange(min = 0, max = 0xffffff) int rgb,
                                               @ForAll boolean crop) {
        BufferedImage image = new BufferedImage(sourceW, sourceH, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[sourceW];
        Arrays.fill(row, rgb);
        for (int y = 0; y < sourceH; y++) {
            image.setRGB(0, y, sourceW, 1, row, 0, sourceW);
        }

        double[] values = ImageResizer.resize(image, height, width, crop ? Framing.CROP : Framing.STRETCH).values();

        int plane = height * width;
        for (int c = 0; c < 3; c++) {
            double expected = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
            for (int i = 0; i < plane; i++) {
                assertEquals(expected, values[c * plane + i], 1e-12);
            }
        }
    }

    @Property(tries = 100)
    void stretchingKeepsTheMeanAndTheRange(@ForAll @IntRange(min = 1, max = 120) int sourceW,
                                           @ForAll @IntRange(min = 1, max = 120) int sourceH,
                                           @ForAll @IntRange(min = 1, max = 64) int width,
                                           @ForAll @IntRange(min = 1, max = 64) int height,
                                           @ForAll long seed) {
        BufferedImage image = randomImage(sourceW, sourceH, seed, false);

        ImageTensor resized = ImageResizer.resize(image, height, width, Framing.STRETCH);

        double[] source = ImageTensor.of(image, ColorMode.RGB).values();
        double[] values = resized.values();
        assertEquals(Arrays.stream(source).average().orElseThrow(), Arrays.stream(values).average().orElseThrow(), 1e-9);
        assertTrue(Arrays.stream(values).allMatch(v -> v >= 0 && v <= 1));
    }

    @Property(tries = 50)
    void integerUpscalingRepeatsEachPixel(@ForAll @IntRange(min = 1, max = 12) int sourceW,
                                          @ForAll @IntRange(min = 1, max = 12) int sourceH,
                                          @ForAll @IntRange(min = 1, max = 4) int factor,
                                          @ForAll long seed) {
        BufferedImage image = randomImage(sourceW, sourceH, seed, false);
        ImageTensor source = ImageTensor.of(image, ColorMode.RGB);

        ImageTensor big = ImageResizer.resize(image, sourceH * factor, sourceW * factor, Framing.STRETCH);

        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < sourceH * factor; y++) {
                for (int x = 0; x < sourceW * factor; x++) {
                    assertEquals(source.value(c, y / factor, x / factor), big.value(c, y, x), 1e-12);
                }
            }
        }
    }

    @Property(tries = 300)
    void centredRegionHasTheTargetShapeAndFitsInside(@ForAll @IntRange(min = 1, max = 5000) int sourceH,
                                                     @ForAll @IntRange(min = 1, max = 5000) int sourceW,
                                                     @ForAll @IntRange(min = 1, max = 256) int targetH,
                                                     @ForAll @IntRange(min = 1, max = 256) int targetW) {
        Rectangle2D region = ImageResizer.centredRegion(sourceH, sourceW, targetH, targetW);

        assertEquals((double) targetW / targetH, region.getWidth() / region.getHeight(),
                1e-9 * targetW / targetH);
        assertTrue(region.getWidth() == sourceW || region.getHeight() == sourceH, "one side is whole");
        assertTrue(region.getX() >= 0 && region.getY() >= 0);
        assertEquals(sourceW, 2 * region.getX() + region.getWidth(), 1e-9);
        assertEquals(sourceH, 2 * region.getY() + region.getHeight(), 1e-9);
    }

    @Test
    void finePatternsAverageInsteadOfAliasing() {
        BufferedImage checks = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                checks.getRaster().setSample(x, y, 0, (x + y) % 2 == 0 ? 255 : 0);
            }
        }

        double[] values = ImageResizer.resize(checks, 8, 8, Framing.STRETCH).values();

        for (double v : values) {
            assertEquals(0.5, v, 1e-12);
        }
    }

    @Test
    void greyImagesKeepTheirLevels() {
        // BufferedImage.getRGB would turn grey 128 of a TYPE_BYTE_GRAY image into 188.
        BufferedImage grey = new BufferedImage(3, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                grey.getRaster().setSample(x, y, 0, 128);
            }
        }

        ImageTensor tensor = ImageResizer.resize(grey, 2, 2, Framing.STRETCH).inMode(ColorMode.GRAYSCALE);

        for (double v : tensor.values()) {
            assertEquals(128 / 255.0, v, 1e-12);
        }
    }

    @Test
    void cropKeepsTheCentreAndStretchKeepsEverything() {
        // 200 wide, 100 high: red 50 px, blue 100 px, red 50 px.
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, x >= 50 && x < 150 ? 0x0000ff : 0xff0000);
            }
        }

        ImageTensor cropped = ImageResizer.resize(image, 10, 10, Framing.CROP);
        ImageTensor stretched = ImageResizer.resize(image, 10, 10, Framing.STRETCH);

        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                assertEquals(0.0, cropped.value(0, y, x), 1e-12, "no red in the centre square");
                assertEquals(1.0, cropped.value(2, y, x), 1e-12);
            }
            assertEquals(1.0, stretched.value(0, y, 0), 1e-12, "red band on the left");
            assertEquals(1.0, stretched.value(0, y, 9), 1e-12, "red band on the right");
            assertEquals(1.0, stretched.value(2, y, 5), 1e-12, "blue middle");
        }
    }

    @Test
    void emptyOrHugeTargetsAreProgrammingErrors() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(image, 0, 4, Framing.CROP));
        assertThrows(IllegalArgumentException.class,
                () -> ImageResizer.resize(image, 4, ImageResizer.MAX_SIDE + 1, Framing.CROP));
    }
}
