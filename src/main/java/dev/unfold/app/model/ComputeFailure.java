package dev.unfold.app.model;

import dev.unfold.core.FailureText;

/**
 * The one-line reason a background computation gives the window when it fails. Running out of memory is named
 * by {@link #OUT_OF_MEMORY}, which the views put into a sentence of their own language (the JVM's own text,
 * "Java heap space", says neither what ran out nor what to change); anything else is the throwable's one line.
 */
public final class ComputeFailure {

    /** The reason given for an {@link OutOfMemoryError}. */
    public static final String OUT_OF_MEMORY = "out of memory";

    private ComputeFailure() {
    }

    public static String reason(Throwable t) {
        return t instanceof OutOfMemoryError ? OUT_OF_MEMORY : FailureText.oneLine(t);
    }
}
