package dev.unfold.export;

import dev.unfold.core.FailureText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** What every export shares: checks before writing, cancellation, and one-line errors. */
final class ExportFiles {
    private ExportFiles() {
    }

    /** An unchecked failure while encoding {@code target}: still one line for the user, cause kept. */
    static ExportException encoderFailure(Path target, RuntimeException e) {
        return new ExportException("Could not write " + target + ": " + reason(e) + ".", e);
    }

    /** The folder a new file or folder goes into must exist; saying so first beats a cryptic I/O error. */
    static Path checkParent(Path target) throws ExportException {
        Path parent = target.getParent();
        if (parent == null) {
            throw new ExportException(ExportException.Reason.NO_FOLDER, null, target);
        }
        if (!Files.isDirectory(parent)) {
            throw new ExportException(ExportException.Reason.FOLDER_MISSING, null, target, parent);
        }
        return parent;
    }

    static void checkCancelled(CancelToken cancel) throws ExportCancelledException {
        if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new ExportCancelledException();
        }
    }

    static BufferedImage render(FrameSource frames, int index, int count) throws ExportException {
        BufferedImage image;
        try {
            image = frames.frame(index);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportCancelledException();
        } catch (ExportException e) {
            throw e;
        } catch (Exception e) {
            throw new ExportException(ExportException.Reason.FRAME_FAILED, e, index + 1, count, reason(e));
        }
        if (image == null) {
            throw new ExportException(ExportException.Reason.FRAME_EMPTY, null, index + 1, count);
        }
        return image;
    }

    /** The user's reading of an I/O failure while writing {@code target}. */
    static ExportException failure(Path target, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedIOException) {
                ExportCancelledException cancelled = new ExportCancelledException();
                cancelled.initCause(e);
                return cancelled;
            }
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("no space left") || text.contains("disk quota exceeded")
                    || text.contains("not enough space")) {
                return new ExportException(ExportException.Reason.DISK_FULL, e, target);
            }
        }
        if (reasonIs(e, "the file is read-only")) { // AtomicFiles refuses to replace it
            return new ExportException(ExportException.Reason.FILE_READ_ONLY, e, target);
        }
        if (reasonIs(e, "is not a regular file")) {
            return new ExportException(ExportException.Reason.NOT_A_FILE, e, target);
        }
        Path parent = target.getParent();
        boolean folderThere = parent != null && Files.isDirectory(parent);
        if (e instanceof NoSuchFileException && !folderThere) {
            return new ExportException(ExportException.Reason.FOLDER_MISSING, e, target, parent);
        }
        // a folder that is there but cannot have files made in it (such as /proc) also says "no such file"
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || reasonIs(e, "operation not permitted")) {
            return new ExportException(ExportException.Reason.NOT_WRITABLE, e, target, parent);
        }
        if (reasonIs(e, "read-only file system")) {
            return new ExportException(ExportException.Reason.READ_ONLY, e, target, parent);
        }
        return new ExportException(ExportException.Reason.WRITE_FAILED, e, target, reason(e));
    }

    private static boolean reasonIs(IOException e, String reason) {
        return e instanceof FileSystemException f && f.getReason() != null
                && f.getReason().toLowerCase(Locale.ROOT).contains(reason);
    }

    /**
     * The innermost message of a chain (what really went wrong, not a wrapper's summary) as
     * {@link FailureText#oneLine} puts it, without a closing full stop: the caller ends the sentence.
     */
    static String reason(Throwable e) {
        Throwable innermost = FailureText.innermost(e);
        return FailureText.clause(FailureText.oneLine(innermost == null ? e : innermost));
    }
}
