package dev.unfold.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageImporterTest {
    @TempDir
    Path dir;

    private final ImageImporter importer = new ImageImporter();

    /** Four flat colour bands, each 10 px wide: few colours, so GIF keeps them exactly. */
    private static BufferedImage bands() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, colours[x / 10]);
            }
        }
        return image;
    }

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    private static double[] expectedBands(int height, int width) {
        double[] expected = new double[3 * height * width];
        int plane = height * width;
        double[][] rgb = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    expected[c * plane + y * width + x] = rgb[x * 4 / width][c];
                }
            }
        }
        return expected;
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "gif", "bmp"})
    void losslessFormatsLoadEveryPixelExactly(String format) throws Exception {
        Path file = write(bands(), format, "bands." + format);

        ImageTensor tensor = importer.load(file, 30, 40, ColorMode.RGB, Framing.STRETCH);

        assertArrayEquals(new int[] {1, 3, 30, 40}, tensor.shape());
        assertArrayEquals(expectedBands(30, 40), tensor.values());
    }

    @Test
    void jpegLoadsCloseToTheOriginalColours() throws Exception {
        Path file = write(bands(), "jpeg", "bands.jpg");

        ImageTensor tensor = importer.load(file, 30, 40, ColorMode.RGB, Framing.STRETCH);

        double[] expected = expectedBands(30, 40);
        double[] actual = tensor.values();
        // JPEG is lossy and rings at the band edges; away from them colours stay close.
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 30; y++) {
                for (int x : new int[] {4, 15, 25, 35}) {
                    int i = (c * 30 + y) * 40 + x;
                    assertEquals(expected[i], actual[i], 0.1, "channel " + c + " at (" + y + ", " + x + ")");
                }
            }
        }
    }

    @Test
    void grayscaleIsTheLumaOfEachColour() throws Exception {
        Path file = write(bands(), "png", "bands.png");

        ImageTensor gray = importer.load(file, 30, 40, ColorMode.GRAYSCALE, Framing.STRETCH);

        assertArrayEquals(new int[] {1, 1, 30, 40}, gray.shape());
        assertEquals(0.299, gray.value(0, 0, 5), 1e-12);
        assertEquals(0.587, gray.value(0, 29, 15), 1e-12);
        assertEquals(0.114, gray.value(0, 10, 25), 1e-12);
        assertEquals(1.0, gray.value(0, 5, 39), 1e-12);
    }

    @Test
    void downscaledPhotoHasTheChosenShapeAndValuesInRange() throws Exception {
        BufferedImage photo = new BufferedImage(1000, 750, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < 750; y++) {
            for (int x = 0; x < 1000; x++) {
                photo.setRGB(x, y, random.nextInt());
            }
        }
        Path file = write(photo, "png", "photo.png");

        ImageTensor tensor = importer.load(file, 28, 28, ColorMode.GRAYSCALE, Framing.CROP);

        assertArrayEquals(new int[] {1, 1, 28, 28}, tensor.shape());
        assertTrue(Arrays.stream(tensor.values()).allMatch(v -> v >= 0 && v <= 1));
        // Random noise averaged over ~27×27 pixels per cell is close to its mean: no single pixel shows through.
        double spread = Arrays.stream(tensor.values()).map(v -> Math.abs(v - 0.5)).max().orElseThrow();
        assertTrue(spread < 0.1, "cells should average many pixels, largest distance from 0.5 was " + spread);
    }

    @Test
    void transparentPixelsLieOnWhite() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000);
        image.setRGB(1, 0, 0x80000000);
        Path file = write(image, "png", "alpha.png");

        ImageTensor gray = importer.load(file, 1, 2, ColorMode.GRAYSCALE, Framing.STRETCH);

        assertEquals(1.0, gray.value(0, 0, 0), 1e-12);
        assertEquals(1 - 128 / 255.0, gray.value(0, 0, 1), 1.5 / 255);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void greyWithAlphaKeepsItsLevels(int bits) throws Exception {
        // PNG colour type 4: Java reads it as a grey colour space it takes for linear light, and its conversions to
        // RGB brighten grey 128 to 188; the stored level is what the picture means
        int type = bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        ColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, type);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        int max = (1 << bits) - 1;
        int[][] greyAlpha = {{max / 2 + 1, max}, {max / 4, max}, {0, 0}};
        for (int x = 0; x < 3; x++) {
            raster.setPixel(x, 0, greyAlpha[x]);
        }
        Path file = write(new BufferedImage(cm, raster, false, null), "png", "grey-alpha.png");

        ImageTensor gray = importer.load(file, 1, 3, ColorMode.GRAYSCALE, Framing.STRETCH);

        assertEquals((max / 2 + 1.0) / max, gray.value(0, 0, 0), 0.5 / 255);
        assertEquals((max / 4) / (double) max, gray.value(0, 0, 1), 0.5 / 255);
        assertEquals(1.0, gray.value(0, 0, 2), 1e-12); // transparent: white
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        BufferedImage first = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage second = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        second.getGraphics().fillRect(0, 0, 4, 4);
        Path file = dir.resolve("two.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }

        ImageTensor tensor = importer.load(file, 4, 4, ColorMode.GRAYSCALE, Framing.STRETCH);

        assertTrue(Arrays.stream(tensor.values()).allMatch(v -> v == 0.0), "first frame is black");
    }

    @Test
    void streamsLoadLikeFiles() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(bands(), "png", bytes);

        BufferedImage image = importer.read(new ByteArrayInputStream(bytes.toByteArray()), "dropped.png");

        assertEquals(40, image.getWidth());
        assertEquals(30, image.getHeight());
        assertEquals(0x0000ff, image.getRGB(25, 3) & 0xffffff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif", "bmp"})
    void truncatedFilesAreRefused(String format) throws Exception {
        BufferedImage noise = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        Path whole = write(noise, format, "whole." + format);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length / 2));

        ImageImportException e = assertThrows(ImageImportException.class, () -> importer.read(cut));

        assertOneLineAbout(e, "cut." + format);
        assertTrue(e.getMessage().contains("truncated or damaged"), e.getMessage());
        assertEquals(ImageImportException.Reason.TRUNCATED, e.reason());
    }

    @Test
    void fileCutInsideItsHeaderIsRefused() throws Exception {
        Path whole = write(bands(), "png", "whole.png");
        Path cut = Files.write(dir.resolve("stub.png"), Arrays.copyOf(Files.readAllBytes(whole), 20));

        ImageImportException e = assertThrows(ImageImportException.class, () -> importer.read(cut));

        assertOneLineAbout(e, "stub.png");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeaderAlone() throws Exception {
        // IHDR claims 100000 × 100000 RGB (30 GB decoded); the body is a few bytes that do not decode at all,
        // so the only way to get the size message is to refuse before decoding.
        Path bomb = Files.write(dir.resolve("bomb.png"), png(100_000, 100_000, 2, new byte[] {1, 2, 3, 4}));
        assertTrue(Files.size(bomb) < 100);

        ImageImportException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ImageImportException.class, () -> importer.read(bomb)));

        assertOneLineAbout(e, "bomb.png");
        assertTrue(e.getMessage().contains("100000 × 100000"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 40 megapixels"), e.getMessage());
        assertEquals(ImageImportException.Reason.TOO_LARGE, e.reason());
        assertEquals(java.util.List.of("bomb.png", "100000", "100000", "10000", "40"), e.details());
    }

    @Test
    void decompressionBombIsRefusedFromAStreamToo() throws Exception {
        byte[] bomb = png(50_000, 50_000, 0, new byte[] {9});

        ImageImportException e = assertThrows(ImageImportException.class,
                () -> importer.read(new ByteArrayInputStream(bomb), "dropped.png"));

        assertOneLineAbout(e, "dropped.png");
        assertTrue(e.getMessage().contains("50000 × 50000"), e.getMessage());
    }

    @Test
    void pixelLimitIsConfigurableAndInclusive() throws Exception {
        Path file = write(bands(), "png", "bands.png");

        ImageImportException e = assertThrows(ImageImportException.class,
                () -> new ImageImporter(40 * 30 - 1).read(file));
        BufferedImage atLimit = new ImageImporter(40 * 30).read(file);

        assertTrue(e.getMessage().contains("40 × 30"), e.getMessage());
        assertEquals(40, atLimit.getWidth());
    }

    @Test
    void headerDeclaringNoPixelsIsRefused() throws Exception {
        Path empty = Files.write(dir.resolve("flat.png"), png(0, 10, 0, new byte[] {1}));

        ImageImportException e = assertThrows(ImageImportException.class, () -> importer.read(empty));

        assertOneLineAbout(e, "flat.png");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));

        ImageImportException e = assertThrows(ImageImportException.class, () -> importer.read(empty));

        assertOneLineAbout(e, "empty.png");
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void emptyStreamIsRefused() {
        ImageImportException e = assertThrows(ImageImportException.class,
                () -> importer.read(new ByteArrayInputStream(new byte[0]), "dropped.png"));

        assertOneLineAbout(e, "dropped.png");
    }

    @Test
    void missingFileAndFolderAreRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pictures"));

        ImageImportException missing = assertThrows(ImageImportException.class,
                () -> importer.read(dir.resolve("nowhere.png")));
        ImageImportException notFile = assertThrows(ImageImportException.class, () -> importer.read(folder));

        assertOneLineAbout(missing, "nowhere.png");
        assertOneLineAbout(notFile, "pictures");
    }

    @Test
    void otherFormatsAreRefusedByName() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image\n", StandardCharsets.UTF_8);
        Path tiff = write(bands(), "tiff", "bands.tiff");

        for (Path file : new Path[] {text, tiff}) {
            ImageImportException e = assertThrows(ImageImportException.class, () -> importer.read(file));
            assertOneLineAbout(e, file.getFileName().toString());
            assertTrue(e.getMessage().contains("not a PNG, JPEG, GIF or BMP image"), e.getMessage());
            assertEquals(ImageImportException.Reason.NOT_AN_IMAGE, e.reason());
            assertEquals(java.util.List.of(file.getFileName().toString()), e.details());
        }
    }

    private static void assertOneLineAbout(Exception e, String fileName) {
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertTrue(message.startsWith(fileName), "names the file: " + message);
    }

    /** A PNG with the given header and {@code body} as its only IDAT chunk. */
    static byte[] png(int width, int height, int colourType, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, (byte) colourType, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", body);
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
