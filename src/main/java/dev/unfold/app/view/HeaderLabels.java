package dev.unfold.app.view;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Which column headers of the column views get a label, and where it goes. */
final class HeaderLabels {

    /** Room kept between two labels, in pixels. */
    static final double GAP = 4;

    private HeaderLabels() {
    }

    /**
     * The centre x of the label of display column {@code k}, or NaN when it is left out. Every {@code step}-th
     * column is labelled and the current one ({@code cur}, -1 when there is none) always is; the regular labels
     * next to the current one give way so that the two do not overlap. A label that would stick out over the row
     * header (its column scrolled partly under it, or the first column narrower than its label) is moved right
     * to start at the header's edge; a regular label moved so is left out when it would then reach the next label,
     * {@code step} columns further on, whose width is {@code nextWidth}, and a regular label that the current one,
     * so moved, would reach is left out too.
     *
     * @param cx       the centre of column k's cell
     * @param width    the width of column k's label
     * @param curWidth the width of the current column's label
     */
    static double columnLabelX(int k, int cur, int step, double cx, double cellW, double headerW, double width,
                               double nextWidth, double curWidth) {
        boolean current = k == cur;
        if (!current && (k % step != 0 || (cur >= 0 && Math.abs(k - cur) < step))) {
            return Double.NaN;
        }
        double x = Math.max(cx, headerW + GAP / 2 + width / 2);
        if (cur >= 0 && cur < k) {
            double curCx = cx - (k - cur) * cellW;
            double curX = Math.max(curCx, headerW + GAP / 2 + curWidth / 2);
            if (curX > curCx && curX + curWidth / 2 + GAP > x - width / 2) {
                return Double.NaN;
            }
        }
        if (!current && x > cx) {
            double nextLeft = cx + step * cellW - nextWidth / 2;
            if (x + width / 2 + GAP > nextLeft) {
                return Double.NaN;
            }
        }
        return x;
    }

    /** The width {@code text} takes in {@code font}. */
    static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
