package dev.unfold.export;

import static dev.unfold.export.ExportFixtures.assertNoTemporaryFiles;
import static dev.unfold.export.ExportFixtures.assertOneLine;
import static dev.unfold.export.ExportFixtures.frames;
import static dev.unfold.export.ExportFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unfold.io.ExitCleanup;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngSequenceExportTest {
    @TempDir
    Path dir;

    private final PngSequenceExport sequence = new PngSequenceExport();

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesNumberedFramesIntoANewFolder() throws Exception {
        Path out = dir.resolve("frames");
        List<Long> done = new ArrayList<>();

        sequence.write(12, frames(24, 16), out, (d, total) -> done.add(d), new CancelToken());

        List<String> names = names(out);
        assertEquals(12, names.size());
        assertEquals("frame_0001.png", names.get(0));
        assertEquals("frame_0012.png", names.get(11));
        for (int i = 0; i < 12; i++) {
            BufferedImage back = ImageIO.read(out.resolve(PngSequenceExport.frameName(i, 12)).toFile());
            BufferedImage expected = ExportFixtures.frame(i, 24, 16);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 24; x++) {
                    assertEquals(expected.getRGB(x, y), back.getRGB(x, y), "frame " + i);
                }
            }
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), done);
        assertEquals(Set.of("/", "frames/"), snapshot(dir).keySet().stream().filter(k -> !k.contains(".png"))
                .collect(Collectors.toSet()), "no staging folder left beside it");
    }

    @Test
    void theFolderGetsTheUsualPermissionsNotATemporaryFoldersOwnerOnlyOnes() throws Exception {
        Path reference = Files.createDirectory(dir.resolve("made-normally"));

        sequence.write(1, frames(4, 4), dir.resolve("frames"), ExportProgress.NONE, new CancelToken());

        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("frames")));
    }

    @Property(tries = 200)
    void frameNamesSortInFrameOrder(@ForAll @IntRange(min = 1, max = 2_000_000) int count,
                                    @ForAll @IntRange(min = 0, max = 1_999_999) int index) {
        int i = index % count;
        String name = PngSequenceExport.frameName(i, count);

        assertTrue(name.matches("frame_\\d{4,}\\.png"), name);
        assertEquals(i + 1, Integer.parseInt(name.substring(6, name.length() - 4)));
        assertEquals(PngSequenceExport.frameName(count - 1, count).length(), name.length(), "same width for all");
        if (i + 1 < count) {
            assertTrue(name.compareTo(PngSequenceExport.frameName(i + 1, count)) < 0);
        }
    }

    @Test
    void replacesAnEarlierExportAndAnEmptyFolder() throws Exception {
        Path earlier = dir.resolve("frames");
        sequence.write(5, frames(8, 8), earlier, ExportProgress.NONE, new CancelToken());
        Path empty = Files.createDirectory(dir.resolve("empty"));

        sequence.write(3, frames(8, 8), earlier, ExportProgress.NONE, new CancelToken());
        sequence.write(2, frames(8, 8), empty, ExportProgress.NONE, new CancelToken());

        assertEquals(List.of("frame_0001.png", "frame_0002.png", "frame_0003.png"), names(earlier));
        assertEquals(List.of("frame_0001.png", "frame_0002.png"), names(empty));
        assertEquals(List.of("empty", "frames"), names(dir), "no old or staging folders left");
    }

    @Test
    void aFolderOfOtherFilesIsNeverReplaced() throws Exception {
        Path documents = Files.createDirectory(dir.resolve("Documents"));
        Files.writeString(documents.resolve("lecture.tex"), "\\section{im2col}");
        Files.write(documents.resolve("frame_0001.png"), new byte[] {1});
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class,
                () -> sequence.write(2, frames(8, 8), documents, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, documents.toString(), "already holds other files");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("frames"), "notes");
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class,
                () -> sequence.write(2, frames(8, 8), file, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "it is a file, not a folder");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void cancellingMidwayKeepsTheEarlierExport() throws Exception {
        Path out = dir.resolve("frames");
        sequence.write(4, frames(8, 8), out, ExportProgress.NONE, new CancelToken());
        Map<String, String> before = snapshot(dir);
        CancelToken cancel = new CancelToken();
        List<Integer> drawn = new ArrayList<>();
        FrameSource source = index -> {
            drawn.add(index);
            if (index == 5) {
                cancel.cancel();
            }
            return ExportFixtures.frame(index, 16, 16);
        };

        assertThrows(ExportCancelledException.class,
                () -> sequence.write(9, source, out, ExportProgress.NONE, cancel));

        assertEquals(List.of(0, 1, 2, 3, 4, 5), drawn, "no frame drawn after the cancel");

        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void aFrameThatFailsToDrawLeavesNothing() throws Exception {
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class, () -> sequence.write(4, index -> {
            if (index == 2) {
                throw new java.io.IOException("renderer lost");
            }
            return ExportFixtures.frame(index, 8, 8);
        }, dir.resolve("frames"), ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "frame 3 of 4", "renderer lost");
        assertNoTemporaryFiles(dir, before);
    }

    private static void writeFrames(UnaryOperator<OutputStream> filter, Path target) throws ExportException {
        new PngSequenceExport(filter).write(6, frames(40, 30), target, ExportProgress.NONE, new CancelToken());
    }

    /** An earlier, shorter export of the same animation. */
    private static Path earlierFrames(Path folder) throws ExportException {
        Path target = folder.resolve("frames");
        new PngSequenceExport().write(2, frames(40, 30), target, ExportProgress.NONE, new CancelToken());
        return target;
    }

    @Property(tries = 15)
    void aFullDiskPartWayLeavesTheEarlierExport(@ForAll @IntRange(min = 0, max = 99) int percent) throws Exception {
        ExportException e = ExportFixtures.failsOnAFullDisk(percent / 100.0, PngSequenceExportTest::writeFrames,
                PngSequenceExportTest::earlierFrames);
        assertOneLine(e, "the disk is full");
    }

    @Test
    void imageIoFailingUncheckedIsOneLineAndLeavesTheEarlierExport() throws Exception {
        ExportException e = ExportFixtures.failsInTheEncoder(new IllegalStateException("PNG writer broke"),
                PngSequenceExportTest::writeFrames, PngSequenceExportTest::earlierFrames);
        assertOneLine(e, "Could not write ", "frame_0001.png: PNG writer broke.");
        ExportException broken = ExportFixtures.failsInTheEncoder(new IllegalStateException("unused"),
                (filter, target) -> new PngSequenceExport().write(3, index -> index == 1
                        ? ExportFixtures.unreadableImage() : ExportFixtures.frame(index, 8, 8), target,
                        ExportProgress.NONE, new CancelToken()),
                PngSequenceExportTest::earlierFrames);
        assertOneLine(broken, "Could not write ", "frame_0002.png: ImageIO could not read the image.");
    }

    @Test
    void aMissingParentFolderIsNamed() {
        Path out = dir.resolve("gone").resolve("frames");

        ExportException e = assertThrows(ExportException.class,
                () -> sequence.write(2, frames(8, 8), out, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, "the folder " + dir.resolve("gone") + " does not exist");
    }

    @Test
    void anUnwritableFolderIsNamedAndKeepsItsFiles() throws Exception {
        Path parent = Files.createDirectory(dir.resolve("course"));
        Files.writeString(parent.resolve("syllabus.txt"), "week 3: im2col");
        Map<String, String> before = snapshot(parent);

        try (AutoCloseable locked = ExportFixtures.lock(parent)) {
            ExportException e = assertThrows(ExportException.class, () -> sequence.write(2, frames(8, 8),
                    parent.resolve("frames"), ExportProgress.NONE, new CancelToken()));
            assertOneLine(e, "the folder " + parent + " is not writable");
        }
        assertNoTemporaryFiles(parent, before);
        assertEquals(new TreeSet<>(List.of("course")), new TreeSet<>(names(dir)));
    }

    @Test
    void aProcessStoppedMidExportLeavesNoStagingFolderAndTheOldFramesAlone() throws Exception {
        Path target = dir.resolve("frames");
        new PngSequenceExport().write(2, frames(4, 3), target, ExportProgress.NONE, new CancelToken());
        Map<String, String> before = snapshot(target);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                StoppedExport.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals("drawing frame 2", lines.readLine()); // frame 1 is in the staging folder
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith(".frames.part-")).count());
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("frames"), files.map(f -> f.getFileName().toString()).toList());
        }
        assertEquals(before, snapshot(target));
    }

    /**
     * The staging folder is handed to the exit cleanup before it is made; when making it fails, the cleanup
     * must let go of it again, as it does after every other ending. Linux's /proc is a folder in which
     * nobody, root included, can make one.
     */
    @Test
    void aStagingFolderThatCannotBeMadeIsNotLeftToTheExitCleanup() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        Path out = Path.of("/proc/unfold-frames-" + UUID.randomUUID());
        String staging = "." + out.getFileName() + ".part-";

        ExportException e = assertThrows(ExportException.class,
                () -> sequence.write(1, frames(4, 4), out, ExportProgress.NONE, new CancelToken()));

        assertOneLine(e, out.toString());
        assertTrue(pendingExitCleanup().stream().noneMatch(p -> p.getFileName().toString().startsWith(staging)),
                "still waiting for the exit cleanup: " + pendingExitCleanup());
    }

    @SuppressWarnings("unchecked")
    private static Set<Path> pendingExitCleanup() throws ReflectiveOperationException {
        Field pending = ExitCleanup.class.getDeclaredField("PENDING");
        pending.setAccessible(true);
        return Set.copyOf((Set<Path>) pending.get(null));
    }

    /** Exports three frames into the folder given, and is stopped while it draws the second. */
    static final class StoppedExport {
        public static void main(String[] args) throws Exception {
            new PngSequenceExport().write(3, index -> {
                if (index == 1) {
                    System.out.println("drawing frame 2");
                    System.out.flush();
                    Thread.sleep(60_000);
                }
                return new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
            }, Path.of(args[0]), ExportProgress.NONE, new CancelToken());
        }
    }
}
