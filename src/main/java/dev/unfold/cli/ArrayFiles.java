package dev.unfold.cli;

import dev.unfold.core.FailureText;
import dev.unfold.io.AtomicFiles;
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
            throw new CliError(name(in, "IN") + ": " + describe(e));
        }
    }

    static NdArray read(Path in) {
        try {
            return Npy.read(in);
        } catch (IOException e) {
            throw new CliError(name(in, "IN") + ": " + describe(e));
        }
    }

    /** The path as given, or the parameter's name where it is empty (an empty argument, "") and would show as nothing. */
    private static String name(Path path, String parameter) {
        return path.toString().isEmpty() ? parameter : path.toString();
    }

    /**
     * Fails early, before any work, when OUT cannot be written: a folder, a device or pipe, a read-only file, or in a
     * folder that is not there (see {@link AtomicFiles#checkTarget}), or a name typed with a trailing separator.
     */
    static void checkTarget(Path out, String typed) {
        try {
            AtomicFiles.checkTarget(out);
        } catch (IOException e) {
            throw new CliError(name(out, "OUT") + ": " + describe(e));
        }
        // a Path drops the trailing separator, so "results/" would become a file named "results"
        if (typed.endsWith("/") || typed.endsWith(java.io.File.separator)) {
            throw new CliError(typed + ": names a folder (it ends in '" + typed.charAt(typed.length() - 1) + "'), but "
                    + "OUT is the .npy file to write; give a file name such as " + typed + "out.npy");
        }
    }

    /**
     * Refuses an OUT that is IN's own file, by its name, another path, a symbolic or a hard link: the write would
     * succeed and replace the data with its column matrix, a slip of the shell's completion away from losing it.
     */
    static void refuseSameFile(Path in, Path out) {
        try {
            if (Files.exists(out) && Files.exists(in) && Files.isSameFile(in, out)) {
                throw new CliError(out + ": is the input file itself; the result would replace the input: give OUT "
                        + "another name");
            }
        } catch (IOException e) {
            // IN or OUT cannot be looked at: reading IN and writing OUT say why, in their own words
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
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason(); // ours say more than the kind: "output folder is not writable"
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return FailureText.oneLine(e);
    }
}
