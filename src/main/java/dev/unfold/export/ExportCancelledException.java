package dev.unfold.export;

/** The export was cancelled; nothing was written. */
public final class ExportCancelledException extends ExportException {
    public ExportCancelledException() {
        super(Reason.CANCELLED, null);
    }
}
