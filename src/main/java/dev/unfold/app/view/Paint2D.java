package dev.unfold.app.view;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Drawing helpers that keep the canvases on the renderer's fast paths: outlines and grid lines as filled
 * rectangles (no path rasterising), hatching as an image pattern (no clip, which the software pipeline
 * implements by blending a mask over the whole canvas), and value colours from a table instead of
 * interpolating per cell.
 */
final class Paint2D {

    private static final int LEVELS = 64;
    private static final Map<Palette, Color[][]> FILLS = new ConcurrentHashMap<>();
    private static final Map<Palette, ImagePattern> HATCH = new ConcurrentHashMap<>();

    private Paint2D() {
    }

    /** A rectangle's outline {@code lw} wide, inside the rectangle. */
    static void outline(GraphicsContext g, double x, double y, double w, double h, double lw) {
        g.fillRect(x, y, w, lw);
        g.fillRect(x, y + h - lw, w, lw);
        g.fillRect(x, y + lw, lw, h - 2 * lw);
        g.fillRect(x + w - lw, y + lw, lw, h - 2 * lw);
    }

    /** The palette's value fill, quantised to 64 levels per channel. */
    static Color valueFill(Palette p, int c, double value, double max) {
        Color[][] table = FILLS.computeIfAbsent(p, k -> new Color[k.channels().length][]);
        int ch = c % table.length;
        Color[] levels = table[ch];
        if (levels == null) {
            levels = new Color[LEVELS + 1];
            for (int i = 0; i <= LEVELS; i++) {
                levels[i] = p.valueFill(ch, i, LEVELS);
            }
            table[ch] = levels;
        }
        double t = max <= 0 ? 0 : Math.min(1, Math.abs(value) / max);
        return levels[(int) Math.round(t * LEVELS)];
    }

    /** Diagonal stripes on the padding colour, anchored to the canvas so neighbouring cells join up. */
    static ImagePattern hatch(Palette p) {
        return HATCH.computeIfAbsent(p, k -> {
            int n = 8;
            WritableImage tile = new WritableImage(n, n);
            PixelWriter w = tile.getPixelWriter();
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    w.setColor(x, y, (x + y) % n == 0 ? k.paddingHatch() : k.padding());
                }
            }
            return new ImagePattern(tile, 0, 0, n, n, false);
        });
    }

    /**
     * The font in which {@code text} fits {@code room} pixels: {@code font} itself, or the same family and weight
     * smaller, down to 8 px; null when even that is too wide. A value such as 0.111 then shows in a cell that
     * would not hold it at the grid's size, instead of leaving the cell blank.
     */
    static Font fit(Font font, String text, double room) {
        boolean bold = font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold");
        // digits are about 0.6 em wide, bold ones wider, a point or comma half that: an estimate that errs wide
        // keeps neighbours apart
        double ems = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            ems += ch == '.' || ch == ',' ? 0.33 : bold ? 0.66 : 0.6;
        }
        if (ems * font.getSize() <= room) {
            return font;
        }
        double size = Math.floor(room / ems * 2) / 2; // half-pixel steps, so that neighbours share a size
        if (size < 8) {
            return null;
        }
        return Font.font(font.getFamily(), bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
    }
}
