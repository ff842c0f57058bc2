package dev.unfold.app.view;

import java.util.Arrays;
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
    private static final Map<Font, double[]> ADVANCES = new ConcurrentHashMap<>();
    // made once per size: a frame fits hundreds of cells from a few dozen sizes, and Font.font looks the family up
    private static final Map<Sized, Font> SIZED = new ConcurrentHashMap<>();
    private static final double MIN_TEXT = 8;

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
     * smaller, in half-pixel steps so that neighbours share a size, down to 8 px; null when even that is too wide.
     * A value such as 0.111 then shows in a cell that would not hold it at the grid's size, instead of leaving the
     * cell blank. Widths are measured, not estimated: digits are 0.55 em wide in one system font and 0.64 in
     * another, and an estimate that is right for one spills out of the cell in the other.
     */
    static Font fit(Font font, String text, double room) {
        double wide = width(font, text);
        if (wide <= room) {
            return font;
        }
        boolean bold = font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold");
        // the width follows the size only roughly where hinting rounds small advances: start from the proportion
        // and step down until it fits
        double size = Math.max(MIN_TEXT, Math.floor(font.getSize() * room / wide * 2) / 2);
        for (; size >= MIN_TEXT; size -= 0.5) {
            Font smaller = SIZED.computeIfAbsent(new Sized(font.getFamily(), bold, size),
                    k -> Font.font(k.family(), k.bold() ? FontWeight.BOLD : FontWeight.NORMAL, k.size()));
            if (width(smaller, text) <= room) {
                return smaller;
            }
        }
        return null;
    }

    private record Sized(String family, boolean bold, double size) {
    }

    /**
     * The width of {@code text} in {@code font}: the sum of its characters' advances, each measured once per font,
     * since a grid redraws hundreds of numbers a frame and they are written with a dozen characters.
     */
    static double width(Font font, String text) {
        double[] advances = ADVANCES.computeIfAbsent(font, f -> {
            double[] a = new double[128];
            Arrays.fill(a, Double.NaN);
            return a;
        });
        double wide = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= advances.length) {
                return HeaderLabels.width(text, font);
            }
            if (Double.isNaN(advances[ch])) {
                advances[ch] = HeaderLabels.width(String.valueOf(ch), font);
            }
            wide += advances[ch];
        }
        return wide;
    }
}
