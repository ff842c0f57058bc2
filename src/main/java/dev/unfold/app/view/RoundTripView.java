package dev.unfold.app.view;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.core.Geometry;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The seed's "restored / 4" moment for one plane, side by side: x, col2im(im2col(x)) from the backend, the
 * window counts, the result divided by each pixel's count (x again, except where no window reads a pixel) and
 * divided by 4 as the notebook does, with every pixel where that is not x marked.
 */
public final class RoundTripView extends CanvasPane {

    private static final double GAP = 34;
    /** Room for the line above the grids and their titles. */
    private static final double TITLE_H = 46;
    private static final double MARGIN = 18;
    private static final double SUMMARY_SIZE = 13;
    private static final int MAX_SUMMARY_LINES = 3;

    private final MainModel model;
    private final BackwardModel backward;
    private final I18n i18n;
    private final ObjectProperty<Palette> palette;
    // where the grids were last drawn, for pointing
    private double left;
    private double top;
    private double cell;
    private String summaryShown = "";
    private List<String> summaryLines = List.of();

    public RoundTripView(MainModel model, BackwardModel backward, I18n i18n, ObjectProperty<Palette> palette) {
        this.model = model;
        this.backward = backward;
        this.i18n = i18n;
        this.palette = palette;
        getStyleClass().add("round-trip-view");
        setMinHeight(USE_COMPUTED_SIZE); // a canvas pane may otherwise shrink to nothing
        backward.frameProperty().addListener(o -> {
            requestLayout(); // another geometry, another height
            invalidate();
        });
        model.highlightProperty().addListener(o -> invalidate());
        i18n.localeProperty().addListener(o -> invalidate());
        palette.addListener(o -> invalidate());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> model.hover(focusAt(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.clearHover());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> model.togglePin(focusAt(e.getX(), e.getY())));
    }

    /**
     * The pixel of the shown plane under canvas point (x, y) in any of the five grids, or null: pointing at it
     * outlines it in every grid and writes its five numbers in full, which small cells cannot hold.
     */
    public Focus.Input focusAt(double x, double y) {
        BackwardFrame f = backward.frame();
        if (f == null || cell <= 0) {
            return null;
        }
        Geometry g = f.geometry();
        double gridW = g.w() * cell;
        int panel = (int) Math.floor((x - left) / (gridW + GAP));
        double px = x - left - panel * (gridW + GAP);
        double py = y - top;
        if (panel < 0 || panel >= 5 || px < 0 || px >= gridW || py < 0 || py >= g.h() * cell) {
            return null;
        }
        int plane = plane(g);
        return new Focus.Input(plane / g.c(), plane % g.c(), (int) (py / cell), (int) (px / cell));
    }

    public javafx.scene.canvas.Canvas canvas() {
        return canvas;
    }

    /** Canvas centre of pixel (y, x) in grid {@code panel} (0 to 4) as last drawn. */
    public double[] centreOf(int panel, int y, int x) {
        double gridW = backward.frame().geometry().w() * cell;
        return new double[] {left + panel * (gridW + GAP) + (x + 0.5) * cell, top + (y + 0.5) * cell};
    }

    /** The line above the grids as last drawn. */
    String summary() {
        return summaryShown;
    }

    /** The highlighted pixel when it lies inside the shown plane's image, else null. */
    private Highlight pointed(Geometry g, int plane) {
        Highlight hl = model.highlight();
        return hl != null && !hl.padding() && hl.focus() instanceof Focus.Input
                && hl.n() * g.c() + hl.c() == plane && hl.y() >= 0 && hl.y() < g.h() && hl.x() >= 0 && hl.x() < g.w()
                ? hl : null;
    }

    @Override
    protected double computePrefHeight(double width) {
        BackwardFrame f = backward.frame();
        if (f == null || width <= 0) {
            return 250;
        }
        // the five grids are as wide as the strip allows; height beyond theirs would be taken from the views above
        Geometry g = f.geometry();
        double cell = Math.floor(Math.min(48, (width - 2 * MARGIN - 4 * GAP) / (5.0 * g.w())));
        return Math.min(250 + titleH(f, width) - TITLE_H, titleH(f, width) + MARGIN + g.h() * Math.max(8, cell));
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width); // smaller, its grids would shrink below what the width gives them
    }

    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    /**
     * The summary above the grids, for {@code plane} (n·C + c): how many pixels ÷ 4 gets wrong and how many no
     * window reads.
     */
    private String summaryFor(BackwardFrame f, int plane) {
        Geometry geo = f.geometry();
        int base = plane * geo.h() * geo.w();
        int wrongByFour = 0;
        int lost = 0;
        for (int y = 0; y < geo.h(); y++) {
            for (int x = 0; x < geo.w(); x++) {
                int i = base + y * geo.w() + x;
                wrongByFour += f.roundTrip()[i] / 4 != f.input()[i] ? 1 : 0;
                lost += f.windowCount(y, x) == 0 ? 1 : 0;
            }
        }
        String plane0 = (geo.n() > 1 ? "n" + plane / geo.c() + " · " : "") + "c" + plane % geo.c();
        if (lost == 0) {
            return i18n.get("roundtrip.summary", plane0, wrongByFour, geo.h() * geo.w());
        }
        // pixels that no window reads come back as 0, whatever the division: the claim must not cover them
        return i18n.get("roundtrip.summary.partial", plane0, wrongByFour, geo.h() * geo.w()) + " "
                + i18n.get("roundtrip.lost", lost);
    }

    /**
     * Room above the grids: the summary wraps to a second line at 13 px rather than being set smaller and
     * narrowed into a line a class cannot read (at 1024 × 768 with pixels no window reads).
     */
    private double titleH(BackwardFrame f, double width) {
        int lines = Fonts.wrap(summaryFor(f, 0), FontWeight.NORMAL, SUMMARY_SIZE, width - 2 * MARGIN).size();
        return TITLE_H + (Math.min(MAX_SUMMARY_LINES, lines) - 1) * Math.ceil(SUMMARY_SIZE * 1.3);
    }

    /** The plane shown: the one the pointer is on, else the first. */
    private int plane(Geometry g) {
        Highlight hl = model.highlight();
        return hl != null && hl.n() < g.n() && hl.c() < g.c() ? hl.n() * g.c() + hl.c() : 0;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h) {
        Palette p = palette.get();
        g.setFill(p.headerBackground());
        g.fillRect(0, 0, w, h);
        g.setFill(p.grid());
        g.fillRect(0, 0, w, 1);
        BackwardFrame f = backward.frame();
        if (f == null) {
            return;
        }
        Geometry geo = f.geometry();
        int plane = plane(geo);
        int base = plane * geo.h() * geo.w();
        double titleH = titleH(f, w);
        double margin = MARGIN;
        cell = Math.min(48, Math.min((w - 2 * margin - 4 * GAP) / (5.0 * geo.w()),
                (h - titleH - margin) / geo.h()));
        cell = Math.max(1, Math.floor(cell));
        double gridW = geo.w() * cell;
        double x0 = Math.max(margin, (w - 5 * gridW - 4 * GAP) / 2);
        double y0 = titleH;
        left = x0;
        top = y0;
        Highlight pointed = pointed(geo, plane);
        int maxCount = 0;
        for (int c : f.windowCount()) {
            maxCount = Math.max(maxCount, c);
        }
        double xMax = 1e-12;
        for (int i = 0; i < geo.h() * geo.w(); i++) {
            xMax = Math.max(xMax, Math.abs(f.input()[base + i]));
        }
        // x ⊙ count = col2im(im2col(x)); that ÷ count is x again, that ÷ 4 is not
        String[] titles = {i18n.get("roundtrip.x"), i18n.get("roundtrip.count"), i18n.get("roundtrip.restored"),
                i18n.get("roundtrip.bycount"), i18n.get("roundtrip.byfour")};
        String[] ops = {"×", "=", "→", "|"};
        Font valueFont = Font.font("System", FontWeight.NORMAL, clamp(cell * 0.36, 8, 17));
        for (int panel = 0; panel < 5; panel++) {
            double px = x0 + panel * (gridW + GAP);
            g.setFill(panel == 4 ? p.link() : p.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            Fonts.fillText(g, titles[panel], FontWeight.BOLD, 13, px + gridW / 2, y0 - 6, gridW + GAP - 4);
            for (int y = 0; y < geo.h(); y++) {
                for (int x = 0; x < geo.w(); x++) {
                    int i = base + y * geo.w() + x;
                    int count = f.windowCount(y, x);
                    double xv = f.input()[i];
                    double rt = f.roundTrip()[i];
                    double v;
                    boolean wrong = false;
                    boolean none = false;
                    Color fill;
                    switch (panel) {
                        case 0 -> v = xv;
                        case 1 -> v = count;
                        case 2 -> v = rt;
                        case 3 -> {
                            none = count == 0;
                            v = none ? Double.NaN : rt / count;
                        }
                        default -> {
                            v = rt / 4;
                            wrong = v != xv;
                        }
                    }
                    if (panel == 1) {
                        fill = HeatScale.fill(p, count, maxCount);
                    } else if (none) {
                        fill = p.padding();
                    } else {
                        fill = Paint2D.valueFill(p, geo.c() > 1 ? plane % geo.c() : 0, v,
                                panel == 2 ? xMax * Math.max(1, maxCount) : xMax);
                    }
                    double cx = px + x * cell;
                    double cy = y0 + y * cell;
                    g.setFill(fill);
                    g.fillRect(cx, cy, cell, cell);
                    if (wrong) {
                        g.setFill(p.link());
                        Paint2D.outline(g, cx + 1, cy + 1, cell - 2, cell - 2, Math.max(1.5, Math.min(3, cell / 10)));
                    }
                    // smaller type rather than a blank cell: the ÷ 4 panel's point is its non-integer values
                    if (cell >= 12) {
                        CellText.of(none ? "?" : CellFormat.compact(v), valueFont, cell).draw(g,
                                wrong ? p.link() : none ? p.mutedText() : p.textOn(fill), cx + cell / 2, cy + cell / 2);
                    }
                }
            }
            if (cell >= 5) {
                g.setFill(p.grid());
                for (int y = 0; y <= geo.h(); y++) {
                    g.fillRect(px, Math.floor(y0 + y * cell), gridW, 1);
                }
                for (int x = 0; x <= geo.w(); x++) {
                    g.fillRect(Math.floor(px + x * cell), y0, 1, geo.h() * cell);
                }
            }
            if (pointed != null) {
                g.setFill(p.current());
                Paint2D.outline(g, px + pointed.x() * cell, y0 + pointed.y() * cell, cell, cell,
                        Math.max(2, Math.min(4, cell / 6)));
            }
            if (panel < 4) {
                g.setFont(Font.font("System", FontWeight.BOLD, 20));
                g.setFill(p.mutedText());
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(ops[panel], px + gridW + GAP / 2, y0 + geo.h() * cell / 2);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFill(p.mutedText());
        String summary = pointed != null ? pixelLine(f, base, pointed.y(), pointed.x()) : summaryFor(f, plane);
        summaryShown = summary;
        List<String> lines = Fonts.wrap(summary, FontWeight.NORMAL, SUMMARY_SIZE, w - 2 * margin);
        if (lines.size() > 1 && titleH >= TITLE_H + (lines.size() - 1) * Math.ceil(SUMMARY_SIZE * 1.3)) {
            Fonts.fillWrapped(g, summary, FontWeight.NORMAL, SUMMARY_SIZE, margin, 6, w - 2 * margin);
            summaryLines = lines;
        } else {
            Fonts.fillText(g, summary, FontWeight.NORMAL, SUMMARY_SIZE, margin, 6, w - 2 * margin);
            summaryLines = List.of(summary);
        }
    }

    /** The summary's lines as last drawn, each at {@code SUMMARY_SIZE} px where it fits. */
    List<String> summaryLines() {
        return summaryLines;
    }

    /** One pixel's five numbers, as the grids hold them. */
    String pixelLine(BackwardFrame f, int base, int y, int x) {
        Geometry g = f.geometry();
        int i = base + y * g.w() + x;
        int count = f.windowCount(y, x);
        double xv = f.input()[i];
        double rt = f.roundTrip()[i];
        String at = i18n.get("roundtrip.pixel.at", y, x, CellFormat.precise(xv));
        if (count == 0) {
            return at + " · " + i18n.get("roundtrip.pixel.unread", CellFormat.precise(rt), CellFormat.precise(rt / 4));
        }
        return at + " · " + i18n.get("roundtrip.pixel", count, CellFormat.precise(rt), CellFormat.precise(rt / count),
                CellFormat.precise(rt / 4));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
