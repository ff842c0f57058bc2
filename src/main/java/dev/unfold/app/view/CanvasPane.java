package dev.unfold.app.view;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A region that fills itself with one canvas and redraws it at most once per pulse: any number of model
 * changes in one frame cost one draw.
 */
abstract class CanvasPane extends Region {

    protected final Canvas canvas = new Canvas();
    private final Runnable pulse = this::drawIfDirty;
    private boolean dirty = true;
    private long draws;

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
        if (dirty && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            dirty = false;
            draws++;
            draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
        }
    }

    @Override
    protected void layoutChildren() {
        sizeCanvas(0, 0, getWidth(), getHeight());
        drawIfDirty();
    }

    /** Places the canvas; a new size forces a redraw. */
    protected final void sizeCanvas(double x, double y, double width, double height) {
        double w = Math.max(0, Math.floor(width));
        double h = Math.max(0, Math.floor(height));
        canvas.relocate(x, y);
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
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
