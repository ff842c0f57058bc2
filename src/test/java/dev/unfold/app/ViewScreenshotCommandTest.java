package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --screenshot --view col2im|gemm} in a fresh JVM with no display, as the README's pictures are made. */
class ViewScreenshotCommandTest {

    private record Run(int code, String stderr) {
    }

    private static Run launch(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                "-cp", System.getProperty("java.class.path"), "dev.unfold.Launcher"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    private static boolean hasCurrentCell(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xF0B400) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void rendersTheCol2imAndGemmViews(@TempDir Path dir) throws Exception {
        for (String[] view : new String[][] {{"--view", "col2im", "--order", "pixel", "--step", "20", "--roundtrip"},
                {"--view", "gemm", "--product", "column-gradient", "--step", "30"}}) {
            Path png = dir.resolve(view[1] + ".png");
            List<String> args = new ArrayList<>(List.of("--screenshot", png.toString(), "--window", "1280x800"));
            args.addAll(List.of(view));
            Run r = launch(dir, args.toArray(String[]::new));
            assertEquals(0, r.code(), r.stderr());
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(1280, img.getWidth());
            assertTrue(hasCurrentCell(img), view[1] + ": the current step is highlighted");
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary left");
        }
    }

    @Test
    void aBadViewIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        Run r = launch(dir, "--screenshot", png.toString(), "--view", "backwards");
        assertEquals(2, r.code());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(1, lines.length, r.stderr());
        assertTrue(lines[0].startsWith("unfold: unknown view 'backwards'"), lines[0]);
        assertFalse(Files.exists(png));
    }
}
