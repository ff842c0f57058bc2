package dev.unfold.app.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;

/** The look of the window: an AtlantaFX stylesheet for the controls and a palette for the canvases. */
public enum AppTheme {
    LIGHT(new PrimerLight(), Palette.LIGHT),
    DARK(new PrimerDark(), Palette.DARK);

    private final Theme controls;
    private final Palette palette;

    AppTheme(Theme controls, Palette palette) {
        this.controls = controls;
        this.palette = palette;
    }

    /** The pre-compiled stylesheet: parsing AtlantaFX's CSS text would cost start-up time. */
    public String userAgentStylesheet() {
        return controls.getUserAgentStylesheetBSS();
    }

    public Palette palette() {
        return palette;
    }

    public boolean dark() {
        return controls.isDarkMode();
    }
}
