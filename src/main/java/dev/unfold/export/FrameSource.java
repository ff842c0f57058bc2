package dev.unfold.export;

import java.awt.image.BufferedImage;

/**
 * Draws the frames of an animation for export, on the exporting thread, in order, each index once. A view
 * that must draw on the JavaFX thread hands the work over ({@code Platform.runLater} and wait) and returns
 * the snapshot converted with {@code SwingFXUtils.fromFXImage}. An {@link InterruptedException} counts as
 * cancelling the export.
 */
@FunctionalInterface
public interface FrameSource {
    /** Frame {@code index}, counted from 0. */
    BufferedImage frame(int index) throws Exception;
}
