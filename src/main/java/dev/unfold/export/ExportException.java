package dev.unfold.export;

/** An export failed; the message is one line meant for the user, and the destination is unchanged. */
public class ExportException extends Exception {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
