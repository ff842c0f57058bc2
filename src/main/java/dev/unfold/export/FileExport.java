package dev.unfold.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Any single-file export written through a stream, with the guarantees of the others: the destination
 * keeps its old content unless the whole new file is written, no temporary file is left, and failures
 * are one-line {@link ExportException}s. The {@code .npy} export is meant to be one call through here,
 * {@code FileExport.write(target, out -> npyWriter.write(out, shape, values))}.
 */
public final class FileExport {
    private FileExport() {
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException, ExportException;
    }

    public static void write(Path target, Body body) throws ExportException {
        write(target, UnaryOperator.identity(), body);
    }

    /**
     * {@code filter} wraps the stream of every file written: a byte counter, say, or in tests a disk that
     * runs full part way.
     */
    public static void write(Path target, UnaryOperator<OutputStream> filter, Body body) throws ExportException {
        ExportFiles.writeFile(target, filter, body::writeTo);
    }
}
