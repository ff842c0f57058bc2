package dev.unfold.cli;

import dev.unfold.core.Backends;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading IN and writing OUT for the commands, every failure turned into one line naming the file. */
final class ArrayFiles {
    private ArrayFiles() {
    }

    static Npy.Header header(Path in) {
        try {
            return Npy.readHeader(in);
        } catch (IOException e) {
            throw new CliError(in + ": " + describe(e));
        }
    }

    static NdArray read(Path in) {
        try {
            return Npy.read(in);
        } catch (IOException e) {
            throw new CliError(in + ": " + describe(e));
        }
    }

    /** Fails early, before any work, when OUT cannot be written: a folder, or in a folder that is not there. */
    static void checkTarget(Path out) {
        if (Files.isDirectory(out)) {
            throw new CliError(out + ": is a folder; give a file name for the output");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliError(out + ": output folder " + dir + " does not exist");
        }
    }

    static void write(Path out, NdArray array) {
        try {
            Npy.write(out, array);
        } catch (IOException e) {
            throw new CliError(out + ": cannot write: " + describe(e));
        }
    }

    /** An I/O failure in words: the JDK's file exceptions carry only the path as their message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return Backends.oneLine(e);
    }
}
