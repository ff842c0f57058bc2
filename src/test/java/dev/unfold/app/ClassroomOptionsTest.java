package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.Settings;
import dev.unfold.app.view.AppTheme;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.SampleImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassroomOptionsTest {

    private static AppOptions parse(String... args) throws AppOptions.BadOption {
        return AppOptions.parse(args, Settings.defaults());
    }

    @Test
    void aSampleBecomesTheInputWithItsChannels() throws Exception {
        AppOptions o = parse("--image", "sample:smiley", "--size", "12", "--kernel", "3", "--framing", "stretch",
                "--presentation", "--hide-params", "--palette", "colour-blind", "--theme", "high-contrast");
        assertEquals(3, o.settings().params().c(), "a colour picture is RGB");
        assertEquals("smiley.png", o.classroom().input().name());
        assertEquals(Framing.STRETCH, o.classroom().input().framing());
        assertArrayEquals(ImageImporter.toTensor(SampleImage.SMILEY.image(), 12, 12, ColorMode.RGB, Framing.STRETCH)
                .values(), o.classroom().input().tensor(12, 12).values());
        assertTrue(o.classroom().presentation());
        assertTrue(o.classroom().hideParams());
        assertTrue(o.classroom().colourBlindSafe());
        assertEquals(AppTheme.HIGH_CONTRAST, o.theme());
        assertTrue(o.themeGiven());

        AppOptions gray = parse("--image", "sample:digit", "--channels", "3");
        assertEquals(1, gray.settings().params().c(), "a grey picture is grayscale, whatever --channels says");
        assertEquals(3, parse("--image", "sample:digit", "--image-mode", "rgb").settings().params().c());

        AppOptions plain = parse();
        assertNull(plain.classroom().input());
        assertNull(plain.classroom().colourBlindSafe(), "not given: the remembered choice applies");
        assertFalse(plain.themeGiven());
    }

    @Test
    void badClassroomOptionsAreOneLine(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "no picture", StandardCharsets.UTF_8);
        String[][] bad = {
                {"--image", "sample:unicorn"}, {"--image", dir.resolve("missing.png").toString()},
                {"--image", text.toString()}, {"--image", "sample:digit", "--image-mode", "cmyk"},
                {"--image", "sample:digit", "--framing", "zoom"}, {"--palette", "sepia"}, {"--theme", "neon"},
                {"--image-mode", "rgb"},
        };
        for (String[] args : bad) {
            AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse(args), String.join(" ", args));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse("--image", text.toString()));
        assertEquals("notes.png is not a PNG, JPEG, GIF or BMP image.", e.getMessage());
        e = assertThrows(AppOptions.BadOption.class, () -> parse("--theme", "neon"));
        assertEquals("unknown theme 'neon' (expected light, dark or high-contrast)", e.getMessage());
    }
}
