package dev.unfold.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the whole new one, never a part: the bytes go
 * to a temporary file in the same folder, which is forced to disk and then moved over the target. On any
 * failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where the bytes are made to reach the disk; tests watch when it happens. */
    interface Durability {
        /** Before the move: without it a crash soon after can leave the target renamed but empty. */
        void forceFile(FileChannel file) throws IOException;

        /** After the move, so that the rename itself survives a crash; best effort. */
        void forceFolder(Path folder);

        Durability DISK = new Durability() {
            @Override
            public void forceFile(FileChannel file) throws IOException {
                file.force(true);
            }

            @Override
            public void forceFolder(Path folder) {
                try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                    dir.force(true);
                } catch (IOException | UnsupportedOperationException e) {
                    // some systems (Windows) cannot open a folder this way; the file's own data is safe
                }
            }
        };
    }

    public static void write(Path target, Body body) throws IOException {
        write(target, body, Durability.DISK);
    }

    /**
     * The file a write to {@code target} replaces, after checking that it can: a symbolic link is followed, so that
     * the link stays and its file gets the new bytes (as writing through it would); the folder must exist; an
     * existing file must be a writable regular file — not a folder, a device or a pipe, which a new file moved
     * into place would replace rather than write to, and not a read-only file, which the move would replace
     * all the same.
     */
    public static Path checkTarget(Path target) throws IOException {
        if (target.toString().isEmpty()) {
            throw new NoSuchFileException("", null, "no file name given");
        }
        Path file = target.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(file); hops++) {
            if (hops == 40) {
                throw new FileSystemException(target.toString(), null, "too many symbolic links");
            }
            file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
        }
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, dir != null && Files.exists(dir)
                    ? "output folder " + dir + " is a file, not a folder" : "output folder " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new FileSystemException(target.toString(), null, "is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new FileSystemException(target.toString(), null,
                    "is not a regular file (a device or a pipe?); give the name of a file to write");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new AccessDeniedException(target.toString(), null, "the file is read-only");
        }
        return file;
    }

    static void write(Path target, Body body, Durability durability) throws IOException {
        Path file = checkTarget(target);
        Path dir = file.getParent();
        Path tmp = createTemporary(dir, file);
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            // a channel of its own: the body may have closed the stream, and fsync covers the whole file
            try (FileChannel written = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                durability.forceFile(written);
            }
            keepPermissions(file, tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup); // the write's own failure is the one worth reporting
            }
            throw e;
        } finally {
            ExitCleanup.done(tmp);
        }
        durability.forceFolder(dir);
    }

    /**
     * An empty file next to the target. Not {@link Files#createTempFile}: that makes the file readable by its
     * owner only, and the move would hand those permissions to the user's output.
     */
    private static Path createTemporary(Path dir, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String tag = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = dir.resolve("." + target.getFileName() + "." + tag + ".part");
            try {
                ExitCleanup.writing(tmp); // before it exists: a kill between the two still finds it
                return Files.createFile(tmp); // permissions as the umask gives them, like any new file
            } catch (FileAlreadyExistsException e) {
                ExitCleanup.done(tmp); // another writer's file, not ours
                if (attempt == 100) {
                    throw e;
                }
            } catch (AccessDeniedException e) {
                ExitCleanup.done(tmp);
                throw new AccessDeniedException(dir.toString(), null, "output folder is not writable");
            } catch (IOException | RuntimeException e) { // a full disk, a read-only file system: nothing was made
                ExitCleanup.done(tmp);
                throw e;
            }
        }
    }

    /** A replaced file keeps its permissions, as it would if it had been overwritten in place. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target)
                && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (IOException | UnsupportedOperationException e) {
                // best effort: the new file still has the folder's default permissions
            }
        }
    }
}
