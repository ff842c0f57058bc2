package dev.unfold.app.i18n;

import dev.unfold.app.model.ComputeFailure;
import dev.unfold.core.FailureText;
import dev.unfold.export.ExportException;
import dev.unfold.media.ImageImportException;

/**
 * A failure as one line in the window's language. The media and export libraries say what went wrong in
 * English (the command line's language) and also name the reason and its details; those are put into this
 * application's own sentence for the reason, {@code error.image.*} or {@code error.export.*}. Details that
 * come from the system or a decoder (an I/O error's text) stay as they came.
 */
public final class ErrorText {

    private ErrorText() {
    }

    public static String of(Throwable e, I18n i18n) {
        if (e instanceof ImageImportException ie) {
            return i18n.get("error.image." + ie.reason().key(), ie.details().toArray());
        }
        if (e instanceof ExportException ee && ee.reason() != ExportException.Reason.OTHER) {
            return i18n.get("error.export." + ee.reason().key(), ee.details().toArray());
        }
        if (e instanceof OutOfMemoryError) {
            return i18n.get("error.memory");
        }
        return FailureText.oneLine(e);
    }

    /**
     * A background computation's reason ({@code MainModel} and {@code BackwardModel}'s compute error) in the
     * window's language: running out of memory says how much Java may use and what to make smaller.
     */
    public static String compute(String reason, I18n i18n) {
        if (ComputeFailure.OUT_OF_MEMORY.equals(reason)) {
            return i18n.get("error.compute.memory", Runtime.getRuntime().maxMemory() >> 20);
        }
        return reason;
    }
}
