package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class));
    }

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileGetsTheSamePermissionsAsAnyNewFileInThatFolder() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.npy");
        write(written, "data");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        assertEquals("data", Files.readString(written));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path target = Files.writeString(dir.resolve("out.npy"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        write(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("out.npy"), "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void theNewBytesReachTheDiskBeforeTheTargetIsReplacedAndTheRenameAfter() throws IOException {
        Path target = Files.writeString(dir.resolve("out.npy"), "old");
        List<String> events = new ArrayList<>();
        AtomicFiles.write(target, out -> out.write("newer".getBytes(StandardCharsets.UTF_8)),
                new AtomicFiles.Durability() {
                    @Override
                    public void forceFile(FileChannel file) throws IOException {
                        events.add("file of " + file.size() + " bytes forced while the target holds "
                                + Files.readString(target));
                    }

                    @Override
                    public void forceFolder(Path folder) {
                        events.add("folder " + folder.getFileName() + " forced after the target became "
                                + readQuietly(target));
                    }
                });
        assertEquals(List.of("file of 5 bytes forced while the target holds old",
                "folder " + dir.getFileName() + " forced after the target became newer"), events);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void forcingAFolderThatCannotBeOpenedIsNoError() {
        assertDoesNotThrow(() -> AtomicFiles.Durability.DISK.forceFolder(dir.resolve("missing")));
    }

    @Test
    void aFailedCleanUpDoesNotHideTheWriteFailure() throws IOException {
        Path target = dir.resolve("out.npy");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            // put something the clean-up cannot delete where the temporary file was
            Path part;
            try (Stream<Path> files = Files.list(dir)) {
                part = files.filter(p -> p.getFileName().toString().endsWith(".part")).findFirst().orElseThrow();
            }
            Files.delete(part);
            Files.createFile(Files.createDirectory(part).resolve("inside"));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", thrown.getMessage());
        assertEquals(1, thrown.getSuppressed().length);
        assertInstanceOf(DirectoryNotEmptyException.class, thrown.getSuppressed()[0]);
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path file = Files.writeString(dir.resolve("real.npy"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.npy"), Path.of("real.npy"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(file));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.npy"), Path.of("later.npy"));
        write(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(dir.resolve("later.npy")));
    }

    @Test
    void aDeviceIsNotReplacedByAFile() {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        IOException e = assertThrows(IOException.class, () -> write(devNull, "x"));
        assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        assertFalse(Files.isRegularFile(devNull));
    }

    @Test
    void aReadOnlyFileIsRefusedNotReplaced() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.npy"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        assumeFalse(Files.isWritable(target), "root may write any file");
        IOException e = assertThrows(IOException.class, () -> write(target, "new"));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("old", Files.readString(target));
    }

    @Test
    void aProcessStoppedMidWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.npy");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", lines.readLine()); // the temporary file exists and is half written
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".part")).count());
            }
            p.destroy(); // SIGTERM, as a kill or a closed terminal sends
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** Writes half a file, says so, and waits to be stopped. */
    static final class SlowWriter {
        public static void main(String[] args) throws IOException {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 16]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void aTemporaryFileThatCannotBeMadeIsNotLeftToTheExitCleanup() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc, where no file can be made");
        Path target = Path.of("/proc/unfold-" + System.nanoTime() + ".npy");
        assertThrows(IOException.class, () -> write(target, "data"));
        java.lang.reflect.Field pending = ExitCleanup.class.getDeclaredField("PENDING");
        pending.setAccessible(true);
        @SuppressWarnings("unchecked")
        java.util.Set<Path> left = java.util.Set.copyOf((java.util.Set<Path>) pending.get(null));
        assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().startsWith("." + target.getFileName())),
                "still waiting for the exit cleanup: " + left);
    }
}
