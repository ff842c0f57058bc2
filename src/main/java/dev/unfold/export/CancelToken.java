package dev.unfold.export;

/** Asks a running export to stop; it checks between frames (or rows) and then removes what it wrote. */
public final class CancelToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
