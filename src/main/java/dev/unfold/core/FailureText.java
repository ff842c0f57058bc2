package dev.unfold.core;

/** Exceptions as the one line a person is shown: in a status bar, a dialog, or on stderr after "unfold: ". */
public final class FailureText {
    private FailureText() {
    }

    /** A throwable as one line: its message, or its class name when it has none. */
    public static String oneLine(Throwable t) {
        String m = t.getMessage();
        String s = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * The innermost throwable of {@code t}'s causes that has a message, or null where none has: wrappers repeat or
     * paraphrase their cause, the innermost says what the system said.
     */
    public static Throwable innermost(Throwable t) {
        Throwable innermost = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                innermost = c;
            }
        }
        return innermost;
    }

    /** A message as a clause of a longer sentence: without its closing full stop or exclamation mark. */
    public static String clause(String line) {
        return line.endsWith(".") || line.endsWith("!") ? line.substring(0, line.length() - 1) : line;
    }
}
