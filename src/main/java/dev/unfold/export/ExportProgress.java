package dev.unfold.export;

/**
 * Hears how far an export has got. Called on the exporting thread, first with {@code (0, total)} once the
 * destination is known to be writable, then after each frame or batch of rows, last with
 * {@code (total, total)} just before the result is moved into place. A JavaFX {@code Task} can pass
 * {@code this::updateProgress}, which is safe to call from its worker thread.
 */
@FunctionalInterface
public interface ExportProgress {
    ExportProgress NONE = (done, total) -> {
    };

    void update(long done, long total);
}
