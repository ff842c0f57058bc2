package dev.unfold.app.view;

import javafx.scene.paint.Color;

/**
 * Colours the canvases draw with. Channel hues and highlights come from the Okabe–Ito set, which stays
 * distinguishable for the common colour-vision deficiencies and on washed-out projectors.
 */
public record Palette(Color background, Color empty, Color grid, Color text, Color mutedText,
                      Color padding, Color paddingHatch, Color[] channels,
                      Color current, Color currentOutline, Color window, Color link, Color headerBackground) {

    public static final Palette LIGHT = new Palette(
            Color.web("#ffffff"), Color.web("#f3f4f6"), Color.web("#d0d4da"), Color.web("#111418"),
            Color.web("#6b7280"), Color.web("#e3e5e8"), Color.web("#b4b9c0"),
            new Color[] {Color.web("#0072B2"), Color.web("#009E73"), Color.web("#D55E00"), Color.web("#CC79A7")},
            Color.web("#F0B400"), Color.web("#111418"), Color.web("#111418"), Color.web("#C2185B"),
            Color.web("#f6f7f9"));

    public static final Palette DARK = new Palette(
            Color.web("#0d1117"), Color.web("#1b2028"), Color.web("#30363d"), Color.web("#e6edf3"),
            Color.web("#8b949e"), Color.web("#262c35"), Color.web("#3d4550"),
            new Color[] {Color.web("#56B4E9"), Color.web("#2BC59A"), Color.web("#F07F3C"), Color.web("#E39BC4")},
            Color.web("#F0C419"), Color.web("#ffffff"), Color.web("#ffffff"), Color.web("#FF5C9E"),
            Color.web("#161b22"));

    /**
     * Black on white with darker hues, for projectors in a lit room and for low vision: body text 21:1 and
     * muted text over 12:1 against the background, grid lines over 7:1.
     */
    public static final Palette HIGH_CONTRAST = new Palette(
            Color.web("#ffffff"), Color.web("#ededed"), Color.web("#595959"), Color.web("#000000"),
            Color.web("#262626"), Color.web("#cfcfcf"), Color.web("#4d4d4d"),
            new Color[] {Color.web("#005A9C"), Color.web("#00704F"), Color.web("#B24600"), Color.web("#A3427A")},
            Color.web("#FFC400"), Color.web("#000000"), Color.web("#000000"), Color.web("#C00050"),
            Color.web("#f0f0f0"));

    /**
     * The same palette with channels and highlights taken from the Okabe–Ito set so that, under simulated
     * protanopia, deuteranopia and tritanopia alike, no two of the four channel hues, the current cell and the
     * linked cells come closer than ΔE 15 (PaletteTest measures it). The standard palettes mix in hues that
     * merge for some viewers: on the dark theme the second channel's green and the linked cells' pink are
     * nearly the same colour under deuteranopia.
     */
    public Palette colourBlindSafe() {
        boolean dark = background.getBrightness() < 0.5;
        Color[] okabeIto = {Color.web("#56B4E9"), Color.web("#D55E00"), Color.web("#CC79A7"), Color.web("#E69F00")};
        return new Palette(background, empty, grid, text, mutedText, padding, paddingHatch, okabeIto,
                Color.web("#F0E442"), currentOutline, window, Color.web(dark ? "#009E73" : "#0072B2"),
                headerBackground);
    }

    public Color channel(int c) {
        return channels[c % channels.length];
    }

    /**
     * Fill for a value of channel {@code c}: the channel hue, lighter for small magnitudes, so neighbouring
     * values differ while text on top stays readable.
     */
    public Color valueFill(int c, double value, double max) {
        double t = max <= 0 ? 0 : Math.min(1, Math.abs(value) / max);
        Color hue = channel(c);
        return background.interpolate(hue, 0.18 + 0.62 * t);
    }

    /** Text colour that reads on {@code fill}. */
    public Color textOn(Color fill) {
        double lum = 0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue();
        return lum > 0.55 ? Color.web("#111418") : Color.WHITE;
    }
}
