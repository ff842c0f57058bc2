package dev.unfold.app.view;

import javafx.scene.paint.Color;

/**
 * Colours for window counts: a single-hue ramp from pale to deep that stays ordered in grey, so "more windows"
 * reads as "darker" on a washed-out projector and for every kind of colour vision. Zero has its own grey.
 */
final class HeatScale {

    private static final Color[] LIGHT = {
            Color.web("#fff5eb"), Color.web("#fdd0a2"), Color.web("#fdae6b"), Color.web("#fd8d3c"),
            Color.web("#f16913"), Color.web("#d94801"), Color.web("#a63603"), Color.web("#7f2704")};

    private HeatScale() {
    }

    /** Fill for {@code count} on a scale whose darkest colour is {@code max}. */
    static Color fill(Palette p, int count, int max) {
        if (count <= 0) {
            return p.empty();
        }
        double t = max <= 1 ? 1 : (count - 1) / (double) (max - 1);
        double pos = 1 + t * (LIGHT.length - 2);
        int i = (int) Math.floor(pos);
        Color c = i >= LIGHT.length - 1 ? LIGHT[LIGHT.length - 1] : LIGHT[i].interpolate(LIGHT[i + 1], pos - i);
        return p.background().getBrightness() < 0.5 ? c.deriveColor(0, 1, 0.85, 1) : c;
    }
}
