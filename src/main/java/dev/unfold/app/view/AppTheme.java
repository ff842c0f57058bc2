package dev.unfold.app.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import java.util.Locale;

/**
 * The look of the window: an AtlantaFX stylesheet for the controls and a palette for the canvases. High
 * contrast is Primer Light with black text, borders and focus rings laid over it (high-contrast.css) rather
 * than a dark scheme: a projector cannot show black, so in a lit room contrast has to come from dark ink on
 * the light it can show.
 */
public enum AppTheme {
    LIGHT(new PrimerLight(), Palette.LIGHT),
    DARK(new PrimerDark(), Palette.DARK),
    HIGH_CONTRAST(new PrimerLight(), Palette.HIGH_CONTRAST);

    private final Theme controls;
    private final Palette palette;
    private final Palette colourBlindSafe;

    AppTheme(Theme controls, Palette palette) {
        this.controls = controls;
        this.palette = palette;
        this.colourBlindSafe = palette.colourBlindSafe(); // one instance: the canvases cache fills per palette
    }

    /** The theme named {@code light}, {@code dark} or {@code high-contrast} (any case); null for another name. */
    public static AppTheme parse(String name) {
        for (AppTheme t : values()) {
            if (t.label().equalsIgnoreCase(name.trim()) || t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        return null;
    }

    /** The name used on the command line, in preferences and in message keys: {@code high-contrast}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The pre-compiled stylesheet: parsing AtlantaFX's CSS text would cost start-up time. */
    public String userAgentStylesheet() {
        return controls.getUserAgentStylesheetBSS();
    }

    /** The palette for the canvases, with channel and highlight colours that stay apart for colour-blind viewers. */
    public Palette palette(boolean colourBlindSafe) {
        return colourBlindSafe ? this.colourBlindSafe : palette;
    }

    public boolean dark() {
        return controls.isDarkMode();
    }
}
