/**
 * Exports for slides and spreadsheets: a PNG of one view, an animated GIF or a numbered PNG sequence of
 * an animation, a CSV of a matrix; and a progress bar for the terminal.
 *
 * <p>Every export writes to a temporary sibling first and moves it into place whole, so the destination
 * holds either what it held before or the complete new export, never a part; a failed or cancelled
 * export leaves no temporary files. Failures are {@link dev.unfold.export.ExportException}s with a
 * one-line message for the user. Long exports report to an {@link dev.unfold.export.ExportProgress} and
 * stop between frames (or rows) when their {@link dev.unfold.export.CancelToken} is cancelled or their
 * thread is interrupted, as {@code javafx.concurrent.Task.cancel()} does. Exports run on the calling
 * thread, which must not be the JavaFX application thread.
 */
package dev.unfold.export;
