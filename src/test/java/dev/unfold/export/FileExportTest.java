package dev.unfold.export;

import static dev.unfold.export.ExportFixtures.assertNoTemporaryFiles;
import static dev.unfold.export.ExportFixtures.assertOneLine;
import static dev.unfold.export.ExportFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExportTest {
    @TempDir
    Path dir;

    @Test
    void writesWhatTheBodyWrites() throws Exception {
        Path out = Files.writeString(dir.resolve("input.npy"), "old");

        FileExport.write(out, stream -> stream.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}));

        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, Files.readAllBytes(out));
    }

    @Test
    void aWriterThatHitsAFullDiskLeavesTheOldFile() throws Exception {
        Path out = Files.writeString(dir.resolve("input.npy"), "old");
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class, () -> FileExport.write(out, stream -> {
            stream.write(new byte[100]);
            throw new IOException("write failed", new IOException("No space left on device"));
        }));

        assertOneLine(e, "input.npy", "the disk is full");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void theBodysOwnExportErrorsPassThroughUnchanged() throws Exception {
        Map<String, String> before = snapshot(dir);
        ExportException own = new ExportCancelledException();

        ExportException e = assertThrows(ExportException.class, () -> FileExport.write(dir.resolve("x.npy"), stream -> {
            stream.write(1);
            throw own;
        }));

        assertSame(own, e);
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void theFilterSeesEveryByte() throws Exception {
        Map<String, String> before = snapshot(dir);

        ExportException e = assertThrows(ExportException.class, () -> FileExport.write(dir.resolve("x.npy"),
                ExportFixtures.diskFullAfter(10), stream -> stream.write(new byte[11])));

        assertOneLine(e, "the disk is full");
        assertNoTemporaryFiles(dir, before);
    }

    @Test
    void aFolderThatIsThereButTakesNoFilesIsNotWritableNotMissing() throws Exception {
        Path there = dir.resolve("x.npy");
        ExportException e = ExportFiles.failure(there, new java.nio.file.NoSuchFileException(there + ".tmp"));
        assertOneLine(e, "x.npy", "is not writable");

        Path gone = dir.resolve("gone").resolve("x.npy");
        ExportException missing = ExportFiles.failure(gone, new java.nio.file.NoSuchFileException(gone + ".tmp"));
        assertOneLine(missing, "does not exist");
    }

    @Test
    void aReadOnlyFileOrADeviceIsNamedAsSuch() {
        // AtomicFiles refuses both (see AtomicFilesTest); the export says which, not "the folder is not writable"
        Path target = dir.resolve("keep.gif");
        ExportException readOnly = ExportFiles.failure(target,
                new java.nio.file.AccessDeniedException(target.toString(), null, "the file is read-only"));
        assertSame(ExportException.Reason.FILE_READ_ONLY, readOnly.reason());
        assertOneLine(readOnly, "keep.gif", "the file is read-only");
        ExportException device = ExportFiles.failure(Path.of("/dev/null"), new java.nio.file.FileSystemException(
                "/dev/null", null, "is not a regular file (a device or a pipe?); give the name of a file to write"));
        assertSame(ExportException.Reason.NOT_A_FILE, device.reason());
    }
}
