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

/** Runs the launcher in a fresh JVM, as {@code java -jar unfold.jar --screenshot …} would, with no display. */
class ScreenshotCommandTest {

    private record Run(int code, String stderr) {
    }

    private static Run launch(Path dir, String... args) throws Exception {
        return launch(List.of(), dir, args);
    }

    private static Run launch(List<String> jvm, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of(
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

    @Test
    void rendersTheWindowToAPngWithoutADisplay(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        Run r = launch(dir, "--screenshot", png.toString(), "--kernel", "3", "--stride", "2", "--pad", "1",
                "--size", "7,6", "--channels", "2", "--order", "thread", "--step", "40", "--window", "1280x800");
        assertEquals(0, r.code(), r.stderr());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(800, img.getHeight());
        // the current move is drawn in the highlight colour somewhere: the picture is not blank
        boolean amber = false;
        for (int y = 0; y < img.getHeight() && !amber; y += 2) {
            for (int x = 0; x < img.getWidth() && !amber; x += 2) {
                amber = (img.getRGB(x, y) & 0xffffff) == 0xF0B400;
            }
        }
        assertTrue(amber, "the current cell is highlighted");
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary left");
        }
    }

    @Test
    void aBadOptionIsOneLineAndExitTwoAndNoFile(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        Run r = launch(dir, "--screenshot", png.toString(), "--kernel", "9", "--size", "4");
        assertEquals(2, r.code());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(1, lines.length, r.stderr());
        assertTrue(lines[0].startsWith("unfold: window height 9"), lines[0]);
        assertFalse(Files.exists(png));
    }

    /**
     * The GEMM view at the sliders' largest numbers needs more than a 256 MiB heap: the screenshot waited out its
     * minute for a frame that had already failed, then said only that the window did not finish drawing.
     */
    @Test
    void aComputationThatRunsOutOfMemorySaysSoAtOnceAndExitsTwo(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("shot.png");
        long t0 = System.nanoTime();
        Run r = launch(List.of("-Xmx256m"), dir, "--screenshot", png.toString(), "--view", "gemm", "--batch", "2",
                "--channels", "4", "--size", "64", "--kernel", "11", "--pad", "8", "--out-channels", "8");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertEquals(2, r.code(), r.stderr());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals("unfold: could not compute: out of memory; use smaller sizes, or raise -Xmx",
                lines[lines.length - 1], r.stderr());
        assertTrue(seconds < 45, "took " + seconds + " s");
        assertFalse(Files.exists(png));
    }
}
