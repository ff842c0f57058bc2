package dev.unfold.export;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows an export's progress on the terminal. On a console it redraws one line in place with a carriage
 * return; when the output is a file or a pipe (a CI log, {@code 2> log.txt}) carriage returns would pile up
 * into one huge line, so it writes a plain line at every tenth of the way instead. Call {@link #close()}
 * when the export ends, however it ends, to finish the line.
 */
public final class TerminalProgressBar implements ExportProgress, AutoCloseable {
    static final int BAR_WIDTH = 30;
    private static final int LABEL_WIDTH = 24;

    private final String label;
    private final Consumer<String> sink;
    private final boolean interactive;
    private String lastDrawn = "";
    private long lastTenth = -1;

    /** To standard error, redrawn in place when the program runs on a console. */
    public static TerminalProgressBar toStandardError(String label) {
        PrintStream err = System.err;
        return new TerminalProgressBar(label, text -> {
            err.print(text);
            err.flush();
        }, System.console() != null);
    }

    /** {@code sink} receives text exactly as it would go to the terminal, line ends included. */
    public TerminalProgressBar(String label, Consumer<String> sink, boolean interactive) {
        this.label = label.length() > LABEL_WIDTH ? label.substring(0, LABEL_WIDTH - 1) + "…" : label;
        this.sink = sink;
        this.interactive = interactive;
    }

    @Override
    public synchronized void update(long done, long total) {
        long clamped = total <= 0 ? 0 : Math.max(0, Math.min(done, total));
        int percent = total <= 0 ? 100 : (int) (100 * clamped / total);
        if (interactive) {
            String line = label + " " + bar(clamped, total) + String.format(Locale.ROOT, " %3d%% %d/%d", percent,
                    clamped, Math.max(total, 0));
            if (!line.equals(lastDrawn)) {
                // Pad with spaces so a shorter line wipes out the end of the longer one before it.
                String padding = " ".repeat(Math.max(0, lastDrawn.length() - line.length()));
                sink.accept("\r" + line + padding);
                lastDrawn = line;
            }
        } else {
            long tenth = percent / 10;
            if (tenth > lastTenth) {
                sink.accept(String.format(Locale.ROOT, "%s: %d%% (%d/%d)%n", label, percent, clamped,
                        Math.max(total, 0)));
                lastTenth = tenth;
            }
        }
    }

    private static String bar(long done, long total) {
        int filled = total <= 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** Ends the redrawn line so that whatever is printed next starts on its own line. */
    @Override
    public synchronized void close() {
        if (interactive && !lastDrawn.isEmpty()) {
            sink.accept(System.lineSeparator());
            lastDrawn = "";
        }
    }
}
