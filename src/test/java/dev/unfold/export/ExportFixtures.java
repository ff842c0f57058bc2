package dev.unfold.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Helpers the export tests share. */
final class ExportFixtures {
    /** Flat colours, as a UI would use; frame i is filled with the i-th (wrapping). */
    static final int[] COLOURS = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0xffffff, 0x000000};

    private ExportFixtures() {
    }

    /** Frame i: background COLOURS[i], a bar in the next colour whose length grows with i. */
    static BufferedImage frame(int index, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(COLOURS[index % COLOURS.length]));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(COLOURS[(index + 1) % COLOURS.length]));
        g.fillRect(0, 0, Math.min(width, index + 1), height / 2);
        g.dispose();
        return image;
    }

    /** An image ImageIO's writers fail on with an unchecked exception, as they may on a broken raster. */
    static BufferedImage unreadableImage() {
        return new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB) {
            @Override
            public Raster getData() {
                throw new IllegalStateException("ImageIO could not read the image");
            }

            @Override
            public Raster getData(Rectangle area) {
                return getData();
            }

            @Override
            public Raster getTile(int x, int y) {
                return getData();
            }
        };
    }

    static FrameSource frames(int width, int height) {
        return index -> frame(index, width, height);
    }

    /** Every file under {@code root} with its bytes, keyed by relative path: what "unchanged" compares. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                String key = root.relativize(p).toString() + (Files.isDirectory(p) ? "/" : "");
                files.put(key, Files.isDirectory(p) ? "" : Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    static void assertOneLine(ExportException e, String... words) {
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        for (String word : words) {
            assertTrue(message.contains(word), "'" + word + "' in: " + message);
        }
    }

    /**
     * Streams that fail as a full disk does once {@code budget} bytes have gone through them, all of them
     * together: a PNG sequence fills the disk across several files.
     */
    static UnaryOperator<OutputStream> diskFullAfter(long budget) {
        AtomicLong left = new AtomicLong(budget);
        return out -> new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (left.get() < len) {
                    int fits = (int) Math.max(0, left.get());
                    out.write(b, off, fits);
                    left.set(0);
                    throw new IOException("No space left on device");
                }
                take(len);
                out.write(b, off, len);
            }

            private void take(int n) throws IOException {
                if (left.addAndGet(-n) < 0) {
                    throw new IOException("No space left on device");
                }
            }
        };
    }

    /** Counts the bytes an export writes, to pick budgets that run out part way. */
    static UnaryOperator<OutputStream> counting(AtomicLong total) {
        return out -> new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                total.incrementAndGet();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                total.addAndGet(len);
                out.write(b, off, len);
            }
        };
    }

    /**
     * Makes {@code folder} refuse new files: read-only permissions, and where the tests run as root (which
     * ignores them) the immutable attribute. Skips the test when neither works here.
     */
    static AutoCloseable lock(Path folder) throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        if (canCreateIn(folder)) {
            immutable = chattr("+i", folder);
        }
        boolean undoImmutable = immutable;
        AutoCloseable unlock = () -> {
            if (undoImmutable) {
                chattr("-i", folder);
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        };
        if (canCreateIn(folder)) {
            unlock.close();
            Assumptions.abort("cannot make a folder unwritable on this machine");
        }
        return unlock;
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path folder) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, folder.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static void assertNoTemporaryFiles(Path folder, Map<String, String> before) throws IOException {
        assertEquals(before, snapshot(folder), "the folder is exactly as it was");
    }

    /** One export to {@code target} through a stream filter, as the export under test makes it. */
    @FunctionalInterface
    interface Export {
        void run(UnaryOperator<OutputStream> filter, Path target) throws Exception;
    }

    /** What the user already has in the folder where the export goes; returns the export's target. */
    @FunctionalInterface
    interface Existing {
        Path make(Path folder) throws Exception;
    }

    /**
     * Measures the export, then runs it over what {@code existing} made with a disk that fills after
     * {@code fraction} of its bytes. Returns the failure, checked to leave the folder exactly as it was.
     */
    static ExportException failsOnAFullDisk(double fraction, Export export, Existing existing) throws Exception {
        return inScratchFolder(folder -> {
            AtomicLong size = new AtomicLong();
            Path probe = folder.resolve("probe");
            export.run(counting(size), probe);
            deleteTree(probe);
            return failsAndLeavesTheFolder(folder, diskFullAfter((long) (size.get() * fraction)), export, existing);
        });
    }

    /**
     * Runs the export over what {@code existing} made with an encoder that throws {@code failure} unchecked,
     * as ImageIO's writers may. Returns the export's failure, checked to leave the folder exactly as it was.
     */
    static ExportException failsInTheEncoder(RuntimeException failure, Export export, Existing existing)
            throws Exception {
        UnaryOperator<OutputStream> broken = out -> new OutputStream() {
            @Override
            public void write(int b) {
                throw failure;
            }
        };
        return inScratchFolder(folder -> failsAndLeavesTheFolder(folder, broken, export, existing));
    }

    private interface InFolder {
        ExportException run(Path folder) throws Exception;
    }

    /** A folder of its own, deleted afterwards: jqwik properties get no @TempDir. */
    private static ExportException inScratchFolder(InFolder test) throws Exception {
        Path folder = Files.createTempDirectory("export-fails");
        try {
            return test.run(folder);
        } finally {
            deleteTree(folder);
        }
    }

    private static ExportException failsAndLeavesTheFolder(Path folder, UnaryOperator<OutputStream> filter,
                                                           Export export, Existing existing) throws Exception {
        Path target = existing.make(folder);
        Map<String, String> before = snapshot(folder);
        ExportException e = assertThrows(ExportException.class, () -> export.run(filter, target));
        assertNoTemporaryFiles(folder, before);
        return e;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
