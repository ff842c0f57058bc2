package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --screenshot} with the classroom options: a lesson as it will be projected, rendered without a display. */
class ClassroomScreenshotTest {

    @Test
    void presentationInKoreanWithASampleImageAndHighContrast(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("lesson.png");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                "-cp", System.getProperty("java.class.path"), "dev.unfold.Launcher",
                "--screenshot", png.toString(), "--image", "sample:smiley", "--size", "10", "--kernel", "3",
                "--step", "40", "--presentation", "--hide-params", "--lang", "ko", "--theme", "high-contrast",
                "--window", "1280x800"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("log.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(800, img.getHeight());
        boolean current = false;
        for (int y = 0; y < img.getHeight() && !current; y += 2) {
            for (int x = 0; x < img.getWidth() && !current; x += 2) {
                current = (img.getRGB(x, y) & 0xffffff) == 0xFFC400; // high contrast's current cell
            }
        }
        assertTrue(current, "drawn with the high-contrast palette");
        assertFalse(Files.exists(dir.resolve("prefs")), "a screenshot neither reads nor writes preferences");
    }
}
