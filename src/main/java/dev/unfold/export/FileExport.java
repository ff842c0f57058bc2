package dev.unfold.export;

import dev.unfold.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Any single-file export written through a stream, with the guarantees of the others: the destination
 * keeps its old content unless the whole new file is written, no temporary file is left, and failures
 * are one-line {@link ExportException}s. The PNG, GIF and CSV exports write through here, and so does the
 * window's {@code .npy} export.
 */
public final class FileExport {
    private FileExport() {
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException, ExportException;
    }

    /** Carries an {@link ExportException} out through {@link AtomicFiles.Body}, which only throws IOException. */
    private static final class Carrier extends RuntimeException {
        final ExportException export;

        Carrier(ExportException export) {
            super(export.getMessage(), export, false, false);
            this.export = export;
        }
    }

    public static void write(Path target, Body body) throws ExportException {
        write(target, UnaryOperator.identity(), body);
    }

    /**
     * Writes {@code target} through a temporary file that is moved into place once {@code body} returns.
     * {@code filter} wraps the file's stream: a byte counter, say, or in tests a disk that runs full part way.
     */
    public static void write(Path target, UnaryOperator<OutputStream> filter, Body body) throws ExportException {
        Path file = target.toAbsolutePath().normalize();
        ExportFiles.checkParent(file);
        if (Files.isDirectory(file)) {
            throw new ExportException(ExportException.Reason.TARGET_IS_FOLDER, null, file);
        }
        try {
            AtomicFiles.write(file, out -> {
                OutputStream filtered = filter.apply(out);
                try {
                    body.writeTo(filtered);
                } catch (ExportException e) {
                    throw new Carrier(e);
                }
                filtered.flush();
            });
        } catch (Carrier c) {
            throw c.export;
        } catch (IOException e) {
            throw ExportFiles.failure(file, e);
        } catch (RuntimeException e) { // an encoder (ImageIO's, say) that fails unchecked
            throw ExportFiles.encoderFailure(file, e);
        }
    }
}
