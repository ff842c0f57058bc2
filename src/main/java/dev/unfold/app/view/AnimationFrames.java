package dev.unfold.app.view;

import dev.unfold.app.model.MainModel;
import dev.unfold.export.FrameSource;
import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;

/**
 * The frames of an animation export, drawn by the real view: for frame i the model moves to the i-th
 * position and the view is pictured at the export's scale. Moving the model and taking the picture happen
 * on the FX thread, handed over one frame at a time; converting the picture for the encoder happens on the
 * exporting thread, so the window stays responsive between frames. Create and close on the FX thread;
 * {@link #frame} is called from the exporting thread.
 */
public final class AnimationFrames implements FrameSource {

    private final MainModel model;
    private final ViewSnapshot snapshot;
    private final long[] positions;
    private final long restore;
    private final Node view;

    /** Pauses the model and starts drawing {@code view} at {@code scale}; {@code positions} are model positions. */
    public AnimationFrames(MainModel model, Node view, int scale, long[] positions) {
        this.model = model;
        this.positions = positions.clone();
        this.restore = model.position();
        this.view = view;
        model.pause();
        this.snapshot = ViewSnapshot.of(view, scale);
    }

    private static void clearPointers(Node n) {
        if (n instanceof CanvasPane pane) {
            pane.clearPointer();
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                clearPointers(child);
            }
        }
    }

    public int count() {
        return positions.length;
    }

    @Override
    public BufferedImage frame(int index) throws Exception {
        CompletableFuture<WritableImage> picture = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                model.seek(positions[index]);
                // where the pointer happens to rest is not part of the animation; a pinned highlight, chosen, is
                model.clearHover();
                clearPointers(view);
                picture.complete(snapshot.picture());
            } catch (Throwable t) {
                picture.completeExceptionally(t);
            }
        });
        try {
            return SwingFXUtils.fromFXImage(picture.get(), null);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Back to screen resolution and to the position the animation had before. */
    public void close() {
        snapshot.close();
        model.seek(restore);
    }
}
