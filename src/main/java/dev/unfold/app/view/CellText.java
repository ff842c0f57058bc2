package dev.unfold.app.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * What a grid cell shows: its value written as {@link CellFormat#compact} writes it, so that one value reads the
 * same in every view, in the font that keeps it inside the cell; no font where even the smallest would spill
 * into the neighbours, and the cell is left without a number.
 */
record CellText(String text, Font font) {

    static final CellText NONE = new CellText("", null);

    static CellText of(double value, Font font, double cellW) {
        return of(CellFormat.compact(value), font, cellW);
    }

    /** {@code text} in {@code font} or smaller, a pixel clear of either border of a cell {@code cellW} wide. */
    static CellText of(String text, Font font, double cellW) {
        return text.isEmpty() ? NONE : new CellText(text, Paint2D.fit(font, text, cellW - 2));
    }

    /** Writes the text centred on (cx, cy), if it has a font. */
    void draw(GraphicsContext g, Paint colour, double cx, double cy) {
        if (font != null) {
            g.setFont(font);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFill(colour);
            g.fillText(text, cx, cy);
        }
    }
}
