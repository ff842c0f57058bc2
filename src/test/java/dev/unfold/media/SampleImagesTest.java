package dev.unfold.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleImagesTest {
    private static final Path ASSETS = Path.of("assets", "samples");

    @ParameterizedTest
    @EnumSource(SampleImage.class)
    void eachSampleIsOnTheClassPathAsTheProgramDrawsIt(SampleImage sample) {
        BufferedImage shipped = sample.image();
        BufferedImage drawn = SampleArt.draw(sample);

        assertEquals(SampleArt.SIZE, shipped.getWidth());
        assertEquals(SampleArt.SIZE, shipped.getHeight());
        assertArrayEquals(ImageTensor.of(drawn, ColorMode.RGB).values(), ImageTensor.of(shipped, ColorMode.RGB).values(),
                sample.fileName() + " differs from SampleArt's drawing: regenerate it (see assets/samples/README.md)");
    }

    @ParameterizedTest
    @EnumSource(SampleImage.class)
    void eachSampleOpensThroughTheImporter(SampleImage sample) throws Exception {
        ImageTensor tensor = new ImageImporter().load(ASSETS.resolve(sample.fileName()), 28, 28, ColorMode.RGB,
                Framing.CROP);

        assertArrayEquals(new int[] {1, 3, 28, 28}, tensor.shape());
        double min = Arrays.stream(tensor.values()).min().orElseThrow();
        double max = Arrays.stream(tensor.values()).max().orElseThrow();
        assertTrue(max - min > 0.5, sample + " should have contrast, spans " + min + ".." + max);
    }

    @Test
    void everyBundledPictureIsListedAndLicensed() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(ASSETS)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> listed = Arrays.stream(SampleImage.values()).map(SampleImage::fileName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(listed, files);
        String licence = Files.readString(ASSETS.resolve("LICENSE"));
        for (String file : files) {
            assertTrue(licence.contains(file), "LICENSE names " + file);
        }
        try (InputStream onClassPath = SampleImage.class.getResourceAsStream("samples/LICENSE")) {
            assertNotNull(onClassPath, "LICENSE travels with the images");
        }
    }

    @Test
    void messageKeysAreDistinct() {
        assertEquals(SampleImage.values().length,
                Arrays.stream(SampleImage.values()).map(SampleImage::messageKey).distinct().count());
        assertEquals("sample.edge-card", SampleImage.EDGE_CARD.messageKey());
    }
}
