package dev.unfold.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;

/**
 * Pictures of a part of the real window for slides, at 1×, 2× or 3×: the nodes themselves are drawn, not a
 * copy, with text and controls rendered at the scale and every canvas under the node redrawn at that many
 * pixels per layout pixel (a snapshot would otherwise enlarge their bitmaps). Everything here runs on the
 * FX thread. Open a session, take any number of pictures (one per animation step, say), close it: the
 * canvases then go back to screen resolution.
 */
public final class ViewSnapshot implements AutoCloseable {

    public static final int MAX_SCALE = 3;

    private final Node node;
    private final List<CanvasPane> canvases = new ArrayList<>();
    private final SnapshotParameters parameters = new SnapshotParameters();

    private ViewSnapshot(Node node, int scale) {
        this.node = node;
        collect(node, canvases);
        parameters.setTransform(Transform.scale(scale, scale));
        canvases.forEach(c -> c.setBackingScale(scale));
        if (node.getScene() != null) { // the window's layout as the next pulse would leave it
            Parent root = node.getScene().getRoot();
            root.applyCss();
            root.layout();
        }
        // Every picture of a session is cut to the node's box as it is now: text elsewhere in the window (the
        // step counter gaining a digit) can change the room the layout gives the node, and an animation's
        // frames must all have one size. Anything drawn beyond the box (a focus ring) is left out.
        Bounds b = node.getLayoutBounds();
        parameters.setViewport(new Rectangle2D(b.getMinX() * scale, b.getMinY() * scale,
                Math.ceil(b.getWidth() * scale), Math.ceil(b.getHeight() * scale)));
    }

    /** Starts drawing {@code node}'s canvases at {@code scale} (1 to {@link #MAX_SCALE}). */
    public static ViewSnapshot of(Node node, int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale " + scale + " is outside 1.." + MAX_SCALE);
        }
        return new ViewSnapshot(node, scale);
    }

    /** One picture of {@code node} at the session's scale. */
    public static WritableImage take(Node node, int scale) {
        try (ViewSnapshot s = of(node, scale)) {
            return s.picture();
        }
    }

    /** The node as it is now, its canvases redrawn first if the model moved since their last draw. */
    public WritableImage picture() {
        node.applyCss();
        if (node instanceof Parent p) {
            p.layout();
        }
        canvases.forEach(CanvasPane::drawIfDirty);
        return node.snapshot(parameters, null);
    }

    @Override
    public void close() {
        canvases.forEach(c -> c.setBackingScale(1));
        canvases.forEach(c -> c.requestLayout());
    }

    private static void collect(Node n, List<CanvasPane> out) {
        if (n instanceof CanvasPane c) {
            out.add(c);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }
}
