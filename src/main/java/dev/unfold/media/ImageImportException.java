package dev.unfold.media;

/** An image could not be opened; the message is one line meant for the user. */
public final class ImageImportException extends Exception {
    public ImageImportException(String message) {
        super(message);
    }

    public ImageImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
