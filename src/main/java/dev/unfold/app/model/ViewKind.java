package dev.unfold.app.model;

/** The views of the main window; each shares the parameters and the transport. */
public enum ViewKind {
    IM2COL;

    public String key() {
        return "view." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
