package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/**
 * Measures what the palettes claim. Colour-vision deficiencies are simulated with the matrices of Machado,
 * Oliveira and Fernandes (2009) at full severity, applied in linear RGB; distances are CIE76 ΔE in CIELAB
 * (D65), where about 2 is just noticeable and differences of 10 and more read as different colours.
 */
class PaletteTest {

    private static final double[][] PROTAN = {
            {0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}};
    private static final double[][] DEUTAN = {
            {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};
    private static final double[][] TRITAN = {
            {1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}};
    private static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double[] lab(Color c, double[][] vision) {
        double[] rgb = {linear(c.getRed()), linear(c.getGreen()), linear(c.getBlue())};
        double[] seen = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                seen[i] += vision[i][j] * rgb[j];
            }
            seen[i] = Math.max(0, Math.min(1, seen[i]));
        }
        double x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047;
        double y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2];
        double z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        double d = 6.0 / 29;
        return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4.0 / 29;
    }

    /** The smallest distance between any two of the colours that must be told apart, over all visions. */
    static double worstDistance(Palette p) {
        List<Color> key = new ArrayList<>(List.of(p.channels()));
        key.add(p.current());
        key.add(p.link());
        double worst = Double.MAX_VALUE;
        for (double[][] vision : new double[][][] {NORMAL, PROTAN, DEUTAN, TRITAN}) {
            for (int i = 0; i < key.size(); i++) {
                for (int j = i + 1; j < key.size(); j++) {
                    double[] a = lab(key.get(i), vision);
                    double[] b = lab(key.get(j), vision);
                    worst = Math.min(worst, Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2)
                            + Math.pow(a[2] - b[2], 2)));
                }
            }
        }
        return worst;
    }

    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    @Test
    void colourBlindSafePalettesKeepChannelsAndHighlightsApartForEveryVision() {
        for (AppTheme t : AppTheme.values()) {
            Palette safe = t.palette(true);
            assertEquals(4, safe.channels().length);
            double worst = worstDistance(safe);
            assertTrue(worst >= 15, t + ": two key colours are only ΔE " + worst + " apart");
            assertSame(safe, t.palette(true), "one instance per theme");
        }
    }

    @Test
    void theStandardDarkPaletteIsWhyTheSwitchExists() {
        // not a requirement on the standard palette, a record of the problem the switch solves
        assertTrue(worstDistance(AppTheme.DARK.palette(false)) < 5);
        assertTrue(worstDistance(AppTheme.DARK.palette(true)) > 3 * worstDistance(AppTheme.DARK.palette(false)));
    }

    @Test
    void highContrastMeetsTheWcagEnhancedRatios() {
        for (Palette p : new Palette[] {Palette.HIGH_CONTRAST, Palette.HIGH_CONTRAST.colourBlindSafe()}) {
            assertTrue(contrast(p.text(), p.background()) >= 7, "text");
            assertTrue(contrast(p.mutedText(), p.background()) >= 7, "muted text");
            assertTrue(contrast(p.mutedText(), p.headerBackground()) >= 7, "header labels");
            assertTrue(contrast(p.grid(), p.background()) >= 4.5, "grid lines");
            assertTrue(contrast(p.window(), p.background()) >= 7, "window outline");
            assertTrue(contrast(p.currentOutline(), p.current()) >= 7, "current cell outline");
        }
        assertTrue(contrast(Palette.LIGHT.mutedText(), Palette.LIGHT.background())
                < contrast(Palette.HIGH_CONTRAST.mutedText(), Palette.HIGH_CONTRAST.background()));
    }
}
