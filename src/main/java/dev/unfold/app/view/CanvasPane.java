package dev.unfold.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * A region that fills itself with one canvas (and any layers over it) and redraws them at most once per pulse:
 * any number of model changes in one frame cost one draw.
 *
 * <p>A canvas is a bitmap, so a snapshot taken at 2× would only enlarge its pixels. For exports the pane can
 * draw at a {@linkplain #setBackingScale backing scale}: its canvases get that many pixels per layout pixel and
 * are shown shrunk by as much, so the same picture comes out sharp at 2× and 3×. Subclasses always draw in
 * layout pixels ({@link #canvasWidth()} × {@link #canvasHeight()}).
 */
abstract class CanvasPane extends Region {

    protected final Canvas canvas = new Canvas();
    private final List<Canvas> layers = new ArrayList<>(List.of(canvas));
    private final Runnable pulse = this::drawIfDirty;
    private boolean dirty = true;
    private long draws;
    private double backingScale = 1;
    private double width;
    private double height;

    CanvasPane() {
        getChildren().add(canvas);
        sceneProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(pulse);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(pulse);
                invalidate();
            }
        });
        setMinSize(0, 0);
    }

    /** A transparent canvas over the main one, sized and scaled with it and drawn in the same {@link #draw}. */
    protected final Canvas addLayer() {
        Canvas layer = new Canvas();
        layer.setMouseTransparent(true);
        layers.add(layer);
        getChildren().add(layer);
        fit(layer);
        return layer;
    }

    /**
     * How much larger than usual a label drawn beside the grid is set: as much as presentation mode enlarges the
     * window's type (21 px against 15), so that axis numbers and plane names grow with everything else.
     */
    protected final double typeScale() {
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("presentation")) {
                return MainWindow.PRESENTING_TYPE;
            }
        }
        return 1;
    }

    /** Forgets a highlight of the pointer's that the view keeps itself (the model's is the model's to clear). */
    void clearPointer() {
    }

    /** Asks for a redraw in the next pulse. */
    protected final void invalidate() {
        if (!dirty) {
            dirty = true;
            Scene s = getScene();
            if (s != null) {
                Platform.requestNextPulse();
            }
        }
    }

    /** How many times this pane has drawn; lets tests and the benchmark see a frame reach the canvas. */
    public long drawCount() {
        return draws;
    }

    /** Draws now if anything changed since the last draw. */
    public void drawIfDirty() {
        if (dirty && width > 0 && height > 0) {
            dirty = false;
            draws++;
            if (backingScale == 1) {
                draw(canvas.getGraphicsContext2D(), width, height);
                return;
            }
            for (Canvas c : layers) {
                GraphicsContext g = c.getGraphicsContext2D();
                g.save();
                g.setTransform(backingScale, 0, 0, backingScale, 0, 0);
            }
            try {
                draw(canvas.getGraphicsContext2D(), width, height);
            } finally {
                for (Canvas c : layers) {
                    c.getGraphicsContext2D().restore();
                }
            }
        }
    }

    /** Canvas pixels per layout pixel: 1 on screen; 2 or 3 while an export draws this pane. */
    final void setBackingScale(double scale) {
        if (scale != backingScale) {
            backingScale = scale;
            layers.forEach(this::fit);
            dirty = true;
        }
    }

    final double backingScale() {
        return backingScale;
    }

    /** Width of the drawing area in layout pixels. */
    protected final double canvasWidth() {
        return width;
    }

    /** Height of the drawing area in layout pixels. */
    protected final double canvasHeight() {
        return height;
    }

    @Override
    protected void layoutChildren() {
        sizeCanvas(0, 0, getWidth(), getHeight());
        drawIfDirty();
    }

    /** Places the canvas and its layers; a new size forces a redraw. Returns whether the size changed. */
    protected final boolean sizeCanvas(double x, double y, double width, double height) {
        double w = Math.max(0, Math.floor(width));
        double h = Math.max(0, Math.floor(height));
        for (Canvas c : layers) {
            c.relocate(x, y);
        }
        if (w != this.width || h != this.height) {
            this.width = w;
            this.height = h;
            layers.forEach(this::fit);
            dirty = true;
            return true;
        }
        return false;
    }

    /**
     * Scrolls {@code bar} so that the span from {@code start}, {@code length} long, lies whole in the {@code room}
     * the bar shows: a third of the way in when it has to move, so that an animation has room to go on in view.
     */
    static void scrollInto(ScrollBar bar, double start, double length, double room) {
        if (start < bar.getValue() || start + length > bar.getValue() + room) {
            double to = Math.min(start, Math.max(start + length - room, start - room / 3));
            bar.setValue(Math.max(0, Math.min(bar.getMax(), to)));
        }
    }

    private void fit(Canvas c) {
        c.setWidth(width * backingScale);
        c.setHeight(height * backingScale);
        if (backingScale == 1) {
            c.getTransforms().clear();
        } else {
            c.getTransforms().setAll(new Scale(1 / backingScale, 1 / backingScale, 0, 0));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }

    protected abstract void draw(GraphicsContext g, double width, double height);
}
