package dev.unfold.app.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The "×4" badge by a pointed cell: how many column cells hold a copy of it. It goes beside the grid, level with
 * the cell's row or column, never on a neighbouring cell: on a projector the teacher points at one number and talks
 * about the next, which a badge on top of it would hide.
 */
final class CountBadge {

    /** Room between the badge and what it stands beside, in pixels. */
    static final double GAP = 4;

    private CountBadge() {
    }

    /** The badge's font for cells of {@code cell} pixels. */
    static Font font(double cell) {
        return Font.font("System", FontWeight.BOLD, Math.max(11, Math.min(18, cell * 0.4)));
    }

    /** Width and height of a badge saying {@code text} in {@code font}. */
    static double[] size(String text, Font font) {
        return new double[] {HeaderLabels.width(text, font) + 10, font.getSize() + 6};
    }

    /**
     * Where the badge of cell ({@code cx}, {@code cy}, size {@code cell}) goes: right or left of {@code grid} on
     * the cell's row, or above or below it on the cell's column, whichever of those is nearest the cell, inside the
     * canvas ({@code w} × {@code h}) and clear of everything in {@code avoid} (the grids, their labels). Where none
     * is (a grid that fills its canvas), at the cell's top-right corner as before, over the corner of its neighbours.
     *
     * @return the badge's rectangle
     */
    static Rectangle2D place(double cx, double cy, double cell, double bw, double bh, Rectangle2D grid,
                             List<Rectangle2D> avoid, double w, double h) {
        double rowY = clamp(cy + (cell - bh) / 2, 0, h - bh);
        double colX = clamp(cx + (cell - bw) / 2, 0, w - bw);
        record Spot(Rectangle2D at, double distance) { }
        List<Spot> spots = new ArrayList<>();
        spots.add(new Spot(new Rectangle2D(grid.getMaxX() + GAP, rowY, bw, bh), grid.getMaxX() - cx - cell));
        spots.add(new Spot(new Rectangle2D(grid.getMinX() - GAP - bw, rowY, bw, bh), cx - grid.getMinX()));
        spots.add(new Spot(new Rectangle2D(colX, grid.getMinY() - GAP - bh, bw, bh), cy - grid.getMinY()));
        spots.add(new Spot(new Rectangle2D(colX, grid.getMaxY() + GAP, bw, bh), grid.getMaxY() - cy - cell));
        spots.sort(Comparator.comparingDouble(Spot::distance));
        for (Spot s : spots) {
            Rectangle2D r = s.at();
            if (r.getMinX() >= 0 && r.getMinY() >= 0 && r.getMaxX() <= w && r.getMaxY() <= h
                    && avoid.stream().noneMatch(r::intersects)) {
                return r;
            }
        }
        return new Rectangle2D(clamp(cx + cell - 2, 0, Math.max(0, w - bw)), clamp(cy - bh + 2, 0, Math.max(0, h - bh)),
                bw, bh);
    }

    /** Draws the badge saying {@code text} in {@code fill} at {@code at}. */
    static void draw(GraphicsContext g, Color fill, Rectangle2D at, String text, Font font) {
        g.setFill(fill);
        g.fillRoundRect(at.getMinX(), at.getMinY(), at.getWidth(), at.getHeight(), 8, 8);
        g.setFont(font);
        g.setFill(Color.WHITE);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, at.getMinX() + at.getWidth() / 2, at.getMinY() + at.getHeight() / 2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
