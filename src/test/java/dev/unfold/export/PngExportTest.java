package dev.unfold.export;

import static dev.unfold.export.ExportFixtures.assertNoTemporaryFiles;
import static dev.unfold.export.ExportFixtures.assertOneLine;
import static dev.unfold.export.ExportFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngExportTest {
    @TempDir
    Path dir;

    private final PngExport png = new PngExport();

    private static int pixelsPerMetre(Path file) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            assertEquals(phys.getAttribute("pixelsPerUnitXAxis"), phys.getAttribute("pixelsPerUnitYAxis"));
            return Integer.parseInt(phys.getAttribute("pixelsPerUnitXAxis"));
        } finally {
            reader.dispose();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void writesThePixelsAndTheScaleAsResolution(int scale) throws Exception {
        BufferedImage view = ExportFixtures.frame(4, 30 * scale, 20 * scale);
        Path out = dir.resolve("view@" + scale + "x.png");

        png.write(view, scale, out);

        BufferedImage back = ImageIO.read(out.toFile());
        assertEquals(30 * scale, back.getWidth());
        assertEquals(20 * scale, back.getHeight());
        for (int y = 0; y < back.getHeight(); y++) {
            for (int x = 0; x < back.getWidth(); x++) {
                assertEquals(view.getRGB(x, y), back.getRGB(x, y));
            }
        }
        // 96 dpi per scale step: a 2× export lands on a slide at the size of a 1× one.
        assertEquals(96.0 * scale / 0.0254, pixelsPerMetre(out), 1.0);
    }

    @Test
    void scalesOutsideTheRangeAreProgrammingErrors() {
        BufferedImage view = ExportFixtures.frame(0, 4, 4);

        assertThrows(IllegalArgumentException.class, () -> png.write(view, 0, dir.resolve("a.png")));
        assertThrows(IllegalArgumentException.class, () -> png.write(view, 9, dir.resolve("a.png")));
    }

    private static void writeView(UnaryOperator<OutputStream> filter, Path target) throws ExportException {
        new PngExport(filter).write(ExportFixtures.frame(3, 120, 80), 1, target);
    }

    private static Path oldView(Path folder) throws IOException {
        return Files.writeString(folder.resolve("view.png"), "the slide's picture");
    }

    @Property(tries = 15)
    void aFullDiskLeavesTheOldFileAndNoTemporaries(@ForAll @IntRange(min = 0, max = 99) int percent)
            throws Exception {
        ExportException e = ExportFixtures.failsOnAFullDisk(percent / 100.0, PngExportTest::writeView,
                PngExportTest::oldView);
        assertOneLine(e, "view.png", "the disk is full");
    }

    @Test
    void imageIoFailingUncheckedIsOneLineAndLeavesTheOldFile() throws Exception {
        ExportException e = ExportFixtures.failsInTheEncoder(new IllegalStateException("PNG writer broke"),
                PngExportTest::writeView, PngExportTest::oldView);
        assertOneLine(e, "Could not write ", "view.png: PNG writer broke.");
        ExportException broken = ExportFixtures.failsInTheEncoder(new IllegalStateException("unused"),
                (filter, target) -> new PngExport().write(ExportFixtures.unreadableImage(), 1, target),
                PngExportTest::oldView);
        assertOneLine(broken, "Could not write ", "view.png: ImageIO could not read the image.");
    }

    @Test
    void aMissingFolderIsNamed() {
        Path out = dir.resolve("nowhere").resolve("view.png");

        ExportException e = assertThrows(ExportException.class,
                () -> png.write(ExportFixtures.frame(0, 4, 4), 1, out));

        assertOneLine(e, "the folder " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void anUnwritableFolderIsNamedAndKeepsItsFiles() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("slides"));
        Path out = Files.writeString(folder.resolve("view.png"), "keep me");
        Map<String, String> before = snapshot(folder);

        try (AutoCloseable locked = ExportFixtures.lock(folder)) {
            ExportException e = assertThrows(ExportException.class,
                    () -> png.write(ExportFixtures.frame(0, 4, 4), 2, out));
            assertOneLine(e, "the folder " + folder + " is not writable");
        }
        assertNoTemporaryFiles(folder, before);
    }
}
