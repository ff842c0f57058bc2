package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code unfold render} in a fresh JVM with no display, as a lecturer would from a terminal. */
class RenderCommandTest {

    private record Run(int code, String stderr) {
    }

    private static Run launch(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.prefs.userRoot=" + dir.resolve("prefs"),
                "-cp", System.getProperty("java.class.path"), "dev.unfold.Launcher", "render"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("render did not finish in 240 s");
        }
        return new Run(p.exitValue(), Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    /** The lines that are not the JavaFX start-up warnings. */
    private static List<String> lines(String stderr) {
        return stderr.lines().filter(l -> !l.contains("com.sun.javafx.application.PlatformImpl")
                && !l.contains("Unsupported JavaFX configuration")).toList();
    }

    private static List<BufferedImage> gif(Path file, int[] delay) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            for (int i = 0; i < r.getNumImages(true); i++) {
                frames.add(r.read(i));
            }
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            delay[0] = Integer.parseInt(((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension")
                    .item(0)).getAttribute("delayTime"));
            r.dispose();
        }
        return frames;
    }

    @Test
    void rendersTheAnimationAsAGifAndAsSharperFrames(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("anim.gif");
        Run r = launch(dir, "--out", out.toString(), "--kernel", "2", "--size", "3", "--pad", "0", "--fps", "10",
                "--window", "1280x800");
        assertEquals(0, r.code(), r.stderr());
        int[] delay = new int[1];
        List<BufferedImage> frames = gif(out, delay);
        assertEquals(17, frames.size(), "16 moves: positions 0 to 16");
        assertEquals(10, delay[0], "10 frames per second");
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        assertTrue(w > 300 && w < 1280 && h > 300 && h < 800, w + "x" + h + ": the views, not the whole window");
        assertTrue(lines(r.stderr()).get(lines(r.stderr()).size() - 1).contains("100% (17/17)"), r.stderr());

        Path folder = dir.resolve("frames");
        r = launch(dir, "--out", folder.toString(), "--kernel", "2", "--size", "3", "--pad", "0", "--scale", "2",
                "--frames", "5", "--window", "1280x800");
        assertEquals(0, r.code(), r.stderr());
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("frame_0001.png", "frame_0002.png", "frame_0003.png", "frame_0004.png",
                "frame_0005.png"), names, "16 moves sampled to 5 frames");
        BufferedImage first = ImageIO.read(folder.resolve("frame_0001.png").toFile());
        assertEquals(2 * w, first.getWidth(), 2, "--scale 2 doubles the pixels of the same view");
        assertEquals(2 * h, first.getHeight(), 2);
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
        }
    }

    @Test
    void badOptionsAreOneLineAndExitTwoBeforeAnyWindow(@TempDir Path dir) throws Exception {
        String gif = dir.resolve("a.gif").toString();
        String[][] cases = {
                {"--out", gif, "--view", "col3im"},
                {"--out", gif, "--scale", "4"},
                {"--out", gif, "--fps", "0"},
                {"--out", dir.resolve("no/such/a.gif").toString()},
                {"--out", gif, "--kernel", "9", "--size", "4"},
                {"--out", gif, "--screenshot", dir.resolve("x.png").toString()},
                {"--out", gif, "--image", "sample:unicorn"},
                {"--kernel", "3"},
                {"--out", dir.resolve("file.txt/a.gif").toString()},
                {"--out", gif, "--view", "gemm", "--order", "tap"},
                {"--out", gif, "--view", "col2im", "--order", "thread"},
        };
        String[] expected = {
                "unfold: unknown view 'col3im' (expected im2col",
                "unfold: --scale 4 is outside 1..3",
                "unfold: --fps 0 is outside 1..50",
                "unfold: cannot write " + dir.resolve("no/such/a.gif") + ": the folder " + dir.resolve("no/such")
                        + " does not exist",
                "unfold: window height 9",
                "unfold: render draws every step itself",
                "unfold: unknown sample 'unicorn'",
                "unfold: Missing required option: '--out",
                "unfold: cannot write " + dir.resolve("file.txt/a.gif") + ": " + dir.resolve("file.txt")
                        + " is a file, not a folder",
                "unfold: --order does not apply to the gemm view (use --product)",
                "unfold: unknown col2im order 'thread' (expected tap or pixel)",
        };
        Files.writeString(dir.resolve("file.txt"), "a file");
        for (int i = 0; i < cases.length; i++) {
            Run r = launch(dir, cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.stderr());
            List<String> lines = lines(r.stderr());
            assertEquals(1, lines.size(), r.stderr());
            assertTrue(lines.get(0).startsWith(expected[i]), lines.get(0));
        }
        assertFalse(Files.exists(Path.of(gif)));
    }

    @Test
    void anUnwritableFolderIsOneLineAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("slides"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (writable(folder)) {
                immutable = new ProcessBuilder("chattr", "+i", folder.toString()).start().waitFor() == 0;
            }
            Assumptions.assumeFalse(writable(folder), "cannot make a folder unwritable on this machine");
            Path out = folder.resolve("anim.gif");
            Run r = launch(dir, "--out", out.toString(), "--kernel", "2", "--size", "3", "--window", "1280x800");
            assertEquals(2, r.code(), r.stderr());
            List<String> lines = lines(r.stderr());
            assertEquals(1, lines.size(), r.stderr());
            assertEquals("unfold: cannot write " + out + ": the folder " + folder + " is not writable.", lines.get(0));
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(0, files.count());
            }
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor();
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
