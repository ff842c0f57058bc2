package dev.unfold.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Photos come back upright: the EXIF orientation tag is read and applied, checked against the spec's table. */
class ExifOrientationTest {
    @TempDir
    Path dir;

    private static final int BLOCK = 16;
    /** Six flat blocks, 3 across and 2 down, all different: every turn and mirror gives another picture. */
    private static final int[][] BLOCKS = {{0xff0000, 0x00ff00, 0x0000ff}, {0xffffff, 0x000000, 0xffff00}};

    private static BufferedImage blocks() {
        BufferedImage image = new BufferedImage(3 * BLOCK, 2 * BLOCK, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, BLOCKS[y / BLOCK][x / BLOCK]);
            }
        }
        return image;
    }

    /**
     * Where stored pixel (x, y) of a w × h image appears upright, from EXIF 2.3's table for tag 0x0112, which
     * says which side of the upright picture the stored row 0 and column 0 become.
     */
    private static int[] upright(int tag, int x, int y, int w, int h) {
        String row0 = new String[] {"top", "top", "bottom", "bottom", "left", "right", "right", "left"}[tag - 1];
        String col0 = new String[] {"left", "right", "right", "left", "top", "top", "bottom", "bottom"}[tag - 1];
        if (tag <= 4) {
            return new int[] {col0.equals("left") ? x : w - 1 - x, row0.equals("top") ? y : h - 1 - y};
        }
        return new int[] {row0.equals("left") ? y : h - 1 - y, col0.equals("top") ? x : w - 1 - x};
    }

    /** The image as a baseline JPEG with an APP1 Exif segment right after SOI holding {@code tiff}. */
    private static byte[] jpegWithApp1(BufferedImage image, byte[] tiff) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", plain));
        byte[] jpeg = plain.toByteArray();
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(jpeg, 0, 2); // SOI
        d.writeShort(0xFFE1);
        d.writeShort(2 + exif.length + tiff.length);
        d.write(exif);
        d.write(tiff);
        d.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A big-endian TIFF header with IFD0 holding one entry: Orientation (0x0112, SHORT) = {@code tag}. */
    private static byte[] orientationTiff(int tag) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeBytes("MM");
        d.writeShort(42);
        d.writeInt(8); // IFD0 right after the header
        d.writeShort(1); // one entry
        d.writeShort(0x0112);
        d.writeShort(3); // SHORT
        d.writeInt(1);
        d.writeShort(tag);
        d.writeShort(0); // padding of the 4-byte value field
        d.writeInt(0); // no next IFD
        return out.toByteArray();
    }

    private static void assertUpright(int tag, BufferedImage stored, BufferedImage shown) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        int[] size = tag <= 4 ? new int[] {w, h} : new int[] {h, w};
        assertEquals(size[0], shown.getWidth(), "width for orientation " + tag);
        assertEquals(size[1], shown.getHeight(), "height for orientation " + tag);
        for (int by = 0; by < 2; by++) {
            for (int bx = 0; bx < 3; bx++) {
                // the centre of each block, away from JPEG's ringing at the edges
                int x = bx * BLOCK + BLOCK / 2;
                int y = by * BLOCK + BLOCK / 2;
                int[] u = upright(tag, x, y, w, h);
                int seen = shown.getRGB(u[0], u[1]);
                int want = BLOCKS[by][bx];
                for (int shift = 0; shift <= 16; shift += 8) {
                    int a = (seen >> shift) & 255;
                    int b = (want >> shift) & 255;
                    assertTrue(Math.abs(a - b) < 40, "orientation " + tag + ", block (" + bx + ", " + by + ") at ("
                            + u[0] + ", " + u[1] + "): " + Integer.toHexString(seen) + " for " + Integer.toHexString(want));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void aPhotoFileComesBackUpright(int tag) throws Exception {
        BufferedImage stored = blocks();
        Path file = dir.resolve("photo.jpg");
        Files.write(file, jpegWithApp1(stored, orientationTiff(tag)));

        assertUpright(tag, stored, new ImageImporter().read(file));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 8})
    void aDroppedPhotoStreamComesBackUprightToo(int tag) throws Exception {
        BufferedImage stored = blocks();
        byte[] bytes = jpegWithApp1(stored, orientationTiff(tag));

        assertUpright(tag, stored, new ImageImporter().read(new ByteArrayInputStream(bytes), "dropped.jpg"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void aGreyPhotoKeepsItsLevelsWhenTurned(int tag) throws Exception {
        // turning reads the stored pixels; getRGB would brighten a grey JPEG's 128 to 188
        BufferedImage stored = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                stored.getRaster().setSample(x, y, 0, 128);
            }
        }
        Path file = dir.resolve("grey.jpg");
        Files.write(file, jpegWithApp1(stored, orientationTiff(tag)));

        ImageTensor t = new ImageImporter().load(file, 2, 2, ColorMode.GRAYSCALE, Framing.STRETCH);

        for (double v : t.values()) {
            assertEquals(128 / 255.0, v, 2 / 255.0, "orientation " + tag);
        }
    }

    @Test
    void theInputGridIsCutFromTheUprightPicture() throws Exception {
        Path file = dir.resolve("portrait.jpg");
        Files.write(file, jpegWithApp1(blocks(), orientationTiff(6)));

        // upright the picture is 32 wide and 48 tall: 2 blocks across, 3 down
        ImageTensor t = new ImageImporter().load(file, 3, 2, ColorMode.RGB, Framing.STRETCH);

        double[] v = t.values();
        int plane = 6;
        // rotated a quarter clockwise, the stored bottom-left block (white) is upright top-left
        // and the stored top-left block (red) upright top-right
        assertEquals(1.0, v[0], 0.1);
        assertEquals(1.0, v[plane], 0.1);
        assertEquals(1.0, v[2 * plane], 0.1);
        assertEquals(1.0, v[1], 0.1);
        assertEquals(0.0, v[plane + 1], 0.1);
        assertEquals(0.0, v[2 * plane + 1], 0.1);
    }

    @Test
    void damagedOrUnknownMetadataLeavesThePictureAsStored() throws Exception {
        BufferedImage stored = blocks();
        byte[] garbage = new byte[64];
        new Random(7).nextBytes(garbage);
        for (byte[] tiff : new byte[][] {garbage, orientationTiff(0), orientationTiff(9)}) {
            Path file = dir.resolve("odd.jpg");
            Files.write(file, jpegWithApp1(stored, tiff));
            assertUpright(1, stored, new ImageImporter().read(file));
        }
    }

    @Test
    void randomImagesTurnLikeTheTable() {
        Random random = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int w = 1 + random.nextInt(9);
            int h = 1 + random.nextInt(9);
            BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    stored.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            for (int tag = 1; tag <= 8; tag++) {
                BufferedImage shown = ExifOrientation.values()[tag - 1].apply(stored);
                if (tag == 1) {
                    assertSame(stored, shown);
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int[] u = upright(tag, x, y, w, h);
                        assertEquals(stored.getRGB(x, y), shown.getRGB(u[0], u[1]),
                                "orientation " + tag + " of " + w + "×" + h + " at (" + x + ", " + y + ")");
                    }
                }
            }
        }
    }
}
