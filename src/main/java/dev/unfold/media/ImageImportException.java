package dev.unfold.media;

import java.util.List;
import java.util.Locale;

/**
 * An image could not be opened. The message is one English line meant for the user; {@link #reason()} and
 * {@link #details()} carry the same facts for a user interface that says them in another language.
 */
public final class ImageImportException extends Exception {

    /** What went wrong; each reason's {@code details} are listed with it, the file name always first. */
    public enum Reason {
        /** name. */
        NO_SUCH_FILE("%s: no such file."),
        /** name. */
        FOLDER("%s is a folder, not an image."),
        /** name. */
        PERMISSION_DENIED("%s cannot be read: permission denied."),
        /** name. */
        EMPTY("%s is empty (0 bytes)."),
        /** name, the system's reason (English). */
        UNREADABLE("%s cannot be read: %s."),
        /** name, the system's reason (English). */
        CANNOT_OPEN("%s cannot be opened: %s."),
        /** name. */
        NOT_AN_IMAGE("%s is not a PNG, JPEG, GIF or BMP image."),
        /** name. */
        NO_IMAGE("%s contains no image."),
        /** name, declared width, declared height. */
        NO_PIXELS("%s declares a size of %s × %s pixels, which holds no image."),
        /** name, width, height, megapixels, the limit in megapixels: a decompression bomb, refused before decoding. */
        TOO_LARGE("%s is %s × %s pixels (%s megapixels); Unfold opens images of up to %s megapixels."),
        /** name, the decoder's reason (English). */
        TRUNCATED("%s is truncated or damaged: %s."),
        /** name. */
        DAMAGED("%s is damaged and cannot be decoded.");

        private final String english;

        Reason(String english) {
            this.english = english;
        }

        /** The message key a translation uses, e.g. {@code too-large}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;
    private final List<String> details;

    ImageImportException(Reason reason, Throwable cause, String... details) {
        super(String.format(Locale.ROOT, reason.english, (Object[]) details), cause);
        this.reason = reason;
        this.details = List.of(details);
    }

    public Reason reason() {
        return reason;
    }

    /** The values the message names, in the order its reason lists them; the file name comes first. */
    public List<String> details() {
        return details;
    }
}
