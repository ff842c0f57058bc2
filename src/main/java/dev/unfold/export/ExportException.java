package dev.unfold.export;

import java.util.List;
import java.util.Locale;

/**
 * An export failed; the message is one English line meant for the user, and the destination is unchanged.
 * {@link #reason()} and {@link #details()} carry the same facts for a user interface that says them in
 * another language.
 */
public class ExportException extends Exception {

    /** What went wrong; each reason's {@code details} are listed with it. */
    public enum Reason {
        /** target. */
        TARGET_IS_FOLDER("Cannot write %s: it is a folder; choose a file name."),
        /** target. */
        NO_FOLDER("Cannot write %s: choose a file or folder inside a folder."),
        /** target, folder. */
        FOLDER_MISSING("Cannot write %s: the folder %s does not exist."),
        /** target, folder. */
        NOT_WRITABLE("Cannot write %s: the folder %s is not writable."),
        /** target, folder. */
        READ_ONLY("Cannot write %s: the folder %s is on a read-only disk."),
        /** target. */
        FILE_READ_ONLY("Cannot write %s: the file is read-only."),
        /** target. */
        NOT_A_FILE("Cannot write %s: it is not a regular file (a device or a pipe?); choose a file name."),
        /** target. */
        DISK_FULL("Cannot write %s: the disk is full."),
        /** target, the system's reason (English). */
        WRITE_FAILED("Cannot write %s: %s."),
        /** frame number, frame count, the reason (English). */
        FRAME_FAILED("Could not draw frame %s of %s: %s."),
        /** frame number, frame count. */
        FRAME_EMPTY("Could not draw frame %s of %s: it came back empty."),
        /** frame number, frame count, its width, its height, the first frame's width and height. */
        FRAME_SIZE("Could not draw frame %s of %s: it is %s × %s pixels, the first frame %s × %s."),
        /** target. */
        FRAMES_TARGET_IS_FILE("Cannot write frames into %s: it is a file, not a folder."),
        /** target. */
        FRAMES_FOLDER_NOT_EMPTY("Cannot write frames into %s: it already holds other files; choose an empty folder "
                + "or a new name."),
        /** nothing. */
        CANCELLED("Export cancelled."),
        /** the caller's own message. */
        OTHER("%s");

        private final String english;

        Reason(String english) {
            this.english = english;
        }

        /** The message key a translation uses, e.g. {@code disk-full}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;
    private final List<String> details;

    /** A failure in the caller's own words (reason {@link Reason#OTHER}). */
    public ExportException(String message) {
        this(message, null);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.OTHER;
        this.details = List.of(message);
    }

    ExportException(Reason reason, Throwable cause, Object... details) {
        super(String.format(Locale.ROOT, reason.english, details), cause);
        this.reason = reason;
        this.details = java.util.Arrays.stream(details).map(String::valueOf).toList();
    }

    public Reason reason() {
        return reason;
    }

    /** The values the message names, in the order its reason lists them. */
    public List<String> details() {
        return details;
    }
}
