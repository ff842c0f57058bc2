package dev.unfold.export;

import static dev.unfold.export.ExportFixtures.assertNoTemporaryFiles;
import static dev.unfold.export.ExportFixtures.assertOneLine;
import static dev.unfold.export.ExportFixtures.frames;
import static dev.unfold.export.ExportFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifExportTest {
    @TempDir
    Path dir;

    private final GifExport gif = new GifExport(Duration.ofMillis(120), true);

    /** Frames, frame delays and the NETSCAPE loop block of a GIF, as ImageIO reads them back. */
    private record Decoded(List<BufferedImage> frames, List<Integer> delays, byte[] loopBlock) {
    }

    private static Decoded decode(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, false);
            int count = reader.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            byte[] loop = null;
            for (int i = 0; i < count; i++) {
                frames.add(reader.read(i));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i)
                        .getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int a = 0; a < apps.getLength(); a++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(a);
                    if ("NETSCAPE".equals(app.getAttribute("applicationID"))) {
                        loop = (byte[]) app.getUserObject();
                    }
                }
            }
            return new Decoded(frames, delays, loop);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void writesEveryFrameWithItsSizeDelayAndLoop() throws Exception {
        Path out = dir.resolve("anim.gif");
        List<long[]> reports = new ArrayList<>();

        gif.write(9, frames(64, 48), out, (done, total) -> reports.add(new long[] {done, total}), new CancelToken());

        Decoded decoded = decode(out);
        assertEquals(9, decoded.frames().size());
        for (BufferedImage frame : decoded.frames()) {
            assertEquals(64, frame.getWidth());
            assertEquals(48, frame.getHeight());
        }
        assertEquals(List.of(12, 12, 12, 12, 12, 12, 12, 12, 12), decoded.delays());
        assertArrayEquals(new byte[] {1, 0, 0}, decoded.loopBlock(), "loops forever");
        assertEquals(10, reports.size());
        for (int i = 0; i < reports.size(); i++) {
            assertArrayEquals(new long[] {i, 9}, reports.get(i));
        }
    }

    @Test
    void flatColoursSurviveExactly() throws Exception {
        Path out = dir.resolve("anim.gif");

        gif.write(7, frames(40, 30), out, ExportProgress.NONE, new CancelToken());

        List<BufferedImage> decoded = decode(out).frames();
        for (int i = 0; i < 7; i++) {
            BufferedImage expected = ExportFixtures.frame(i, 40, 30);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals(expected.getRGB(x, y) & 0xffffff, decoded.get(i).getRGB(x, y) & 0xffffff,
                            "frame " + i + " at (" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void playsOnceWithoutLoopAndKeepsManyColoursClose() throws Exception {
        Path out = dir.resolve("once.gif");
        // A smooth gradient has far more than 256 colours: the palette has to merge them.
        FrameSource gradient = index -> {
            BufferedImage image = new BufferedImage(256, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 256; x++) {
                    image.setRGB(x, y, x << 16 | (y * 4) << 8 | (255 - x));
                }
            }
            return image;
        };

        new GifExport(Duration.ofMillis(50), false).write(2, gradient, out, ExportProgress.NONE, new CancelToken());

        Decoded decoded = decode(out);
        assertNull(decoded.loopBlock());
        assertEquals(List.of(5, 5), decoded.delays());
        BufferedImage first = decoded.frames().get(0);
        for (int y = 0; y < 64; y += 7) {
            for (int x = 0; x < 256; x += 5) {
                int p = first.getRGB(x, y);
                assertTrue(Math.abs(((p >> 16) & 0xff) - x) <= 24 && Math.abs(((p >> 8) & 0xff) - y * 4) <= 24,
                        "colour near the original at (" + x + ", " + y + ")");
            }
        }
    }

    @Property(tries = 30)
    void delayIsRoundedToHundredthsAndClamped(@ForAll @DoubleRange(min = 0, max = 2000) double millis) {
        GifExport export = new GifExport(Duration.ofMillis((long) millis), true);

        long expected = Math.max(2, Math.round(((long) millis) / 10.0));
        assertEquals(expected, export.delayHundredths());
    }

    @Test
    void replacesAnEarlierFile() throws Exception {
        Path out = Files.writeString(dir.resolve("anim.gif"), "old");

        gif.write(2, frames(8, 8), out, ExportProgress.NONE, new CancelToken());

        assertEquals(2, decode(out).frames().size());
        assertEquals(java.util.Set.of("/", "anim.gif"), snapshot(dir).keySet(), "no other files");
    }

    @Test
    void cancellingMidwayLeavesNothing() throws Exception {
        Path old = Files.writeString(dir.resolve("anim.gif"), "the lecture's GIF");
        Map<String, String> before = snapshot(dir);
        CancelToken cancel = new CancelToken();
        List<Integer> drawn = new ArrayList<>();
        FrameSource source = index -> {
            drawn.add(index);
            if (index == 3) {
                cancel.cancel();
            }
            return ExportFixtures.frame(index, 32, 32);
        };

        ExportCancelledException e = assertThrows(ExportCancelledException.class,
                () -> gif.write(10, source, old, ExportProgress.NONE, cancel));

        assertOneLine(e, "cancelled");
        assertEquals(List.of(0, 1, 2, 3), drawn, "no frame drawn after the cancel");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void interruptingTheThreadCancels() throws Exception {
        Map<String, String> before = snapshot(dir);
        FrameSource source = index -> {
            if (index == 2) {
                Thread.currentThread().interrupt();
            }
            return ExportFixtures.frame(index, 32, 32);
        };
        try {
            assertThrows(ExportCancelledException.class,
                    () -> gif.write(6, source, dir.resolve("anim.gif"), ExportProgress.NONE, new CancelToken()));
        } finally {
            Thread.interrupted();
        }
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void aFrameThatFailsToDrawStopsTheExportCleanly() throws Exception {
        Map<String, String> before = snapshot(dir);
        FrameSource source = index -> {
            if (index == 4) {
                throw new IllegalStateException("snapshot failed\nwith detail");
            }
            return ExportFixtures.frame(index, 16, 16);
        };

        ExportException e = assertThrows(ExportException.class,
                () -> gif.write(6, source, dir.resolve("anim.gif"), ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "frame 5 of 6", "snapshot failed");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void framesOfAnotherSizeAreRefused() throws Exception {
        Map<String, String> before = snapshot(dir);
        FrameSource source = index -> ExportFixtures.frame(index, index == 2 ? 20 : 16, 16);

        ExportException e = assertThrows(ExportException.class,
                () -> gif.write(4, source, dir.resolve("anim.gif"), ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "frame 3 of 4", "20 × 16", "16 × 16");
        assertNoTemporaryFiles(dir, before);
    }

    private static void writeAnimation(UnaryOperator<OutputStream> filter, Path target) throws ExportException {
        new GifExport(Duration.ofMillis(100), true, filter).write(5, frames(40, 40), target, ExportProgress.NONE,
                new CancelToken());
    }

    private static Path oldAnimation(Path folder) throws IOException {
        return Files.writeString(folder.resolve("anim.gif"), "yesterday's export");
    }

    @Property(tries = 15)
    void aFullDiskLeavesTheOldFileAndNoTemporaries(@ForAll @DoubleRange(min = 0, max = 0.99) double fraction)
            throws Exception {
        ExportException e = ExportFixtures.failsOnAFullDisk(fraction, GifExportTest::writeAnimation,
                GifExportTest::oldAnimation);
        assertOneLine(e, "anim.gif", "the disk is full");
        assertEquals(ExportException.Reason.DISK_FULL, e.reason());
    }

    @Test
    void imageIoFailingUncheckedIsOneLineAndLeavesTheOldFile() throws Exception {
        ExportException e = ExportFixtures.failsInTheEncoder(new IllegalStateException("GIF writer broke"),
                GifExportTest::writeAnimation, GifExportTest::oldAnimation);
        assertOneLine(e, "Could not write ", "anim.gif: GIF writer broke.");
        ExportException broken = ExportFixtures.failsInTheEncoder(new IllegalStateException("unused"),
                (filter, target) -> new GifExport(Duration.ofMillis(100), true).write(2,
                        index -> ExportFixtures.unreadableImage(), target, ExportProgress.NONE, new CancelToken()),
                GifExportTest::oldAnimation);
        assertOneLine(broken, "anim.gif", "ImageIO could not read the image.");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path out = dir.resolve("gone").resolve("anim.gif");
        List<Integer> drawn = new ArrayList<>();

        ExportException e = assertThrows(ExportException.class, () -> gif.write(3, index -> {
            drawn.add(index);
            return ExportFixtures.frame(index, 8, 8);
        }, out, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "the folder " + dir.resolve("gone") + " does not exist");
        assertTrue(drawn.isEmpty(), "nothing drawn for an export that cannot be written");
        assertFalse(Files.exists(dir.resolve("gone")));
    }

    @Test
    void anUnwritableFolderIsNamedAndKeepsItsFiles() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("handouts"));
        Path out = Files.writeString(folder.resolve("anim.gif"), "keep me");
        Map<String, String> before = snapshot(folder);

        try (AutoCloseable locked = ExportFixtures.lock(folder)) {
            ExportException e = assertThrows(ExportException.class,
                    () -> gif.write(3, frames(8, 8), out, ExportProgress.NONE, new CancelToken()));
            assertOneLine(e, "the folder " + folder + " is not writable");
            assertEquals(ExportException.Reason.NOT_WRITABLE, e.reason());
        }
        assertNoTemporaryFiles(folder, before);
    }

    @Test
    void aFolderIsNotAFileName() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("anim.gif"));
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class,
                () -> gif.write(1, frames(8, 8), folder, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "it is a folder");
        assertNoTemporaryFiles(dir, before);
    }
}
