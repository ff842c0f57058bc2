package dev.unfold.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
}
