package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.MainModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.stage.Stage;

/**
 * Presentation mode, for a projector: the window fills the screen, all text is set larger (the
 * {@code presentation} style class), and the column matrix is zoomed in by half; leaving restores the zoom.
 * F11 or F5 switch it (Esc also leaves full screen); P hides or shows the parameter panel, in or out of it.
 */
public final class Presentation {

    static final double ZOOM = 1.5;

    private final MainWindow window;
    private final MainModel model;
    private final I18n i18n;
    private final ReadOnlyBooleanWrapper presenting = new ReadOnlyBooleanWrapper(this, "presenting");
    private Stage stage;
    private double zoomBefore;

    public Presentation(MainWindow window, MainModel model, I18n i18n) {
        this.window = window;
        this.model = model;
        this.i18n = i18n;
    }

    /** Follows the stage: leaving full screen any other way (Esc, the window manager) ends the presentation. */
    public void attach(Stage s) {
        this.stage = s;
        if (presenting.get()) { // asked for before there was a window, e.g. --presentation
            fullScreen(true);
        }
        s.fullScreenProperty().addListener((o, was, full) -> {
            if (!full && presenting.get()) {
                setPresenting(false);
            }
        });
    }

    public ReadOnlyBooleanProperty presentingProperty() {
        return presenting.getReadOnlyProperty();
    }

    public void toggle() {
        setPresenting(!presenting.get());
    }

    public void setPresenting(boolean on) {
        if (on == presenting.get()) {
            return;
        }
        presenting.set(on);
        if (on) {
            window.root().getStyleClass().add("presentation");
            zoomBefore = model.cellSizeProperty().get();
            model.setCellSize(zoomBefore * ZOOM);
        } else {
            window.root().getStyleClass().remove("presentation");
            model.setCellSize(zoomBefore);
        }
        if (stage != null) {
            fullScreen(on);
        }
    }

    /**
     * Full screen now, or as soon as the window has the focus: a window that is not shown yet cannot be made
     * full screen, and on some platforms (Monocle, which renders the headless screenshots) one without the
     * focus cannot either.
     */
    private void fullScreen(boolean on) {
        Stage s = stage;
        if (s.isShowing() && s.isFocused()) {
            s.setFullScreenExitHint(i18n.get("presentation.hint"));
            s.setFullScreen(on);
            return;
        }
        s.focusedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now && s.isShowing()) {
                    s.focusedProperty().removeListener(this);
                    if (presenting.get() == on && s.isFullScreen() != on) {
                        fullScreen(on);
                    }
                }
            }
        });
    }

    /** Hides or shows the parameter panel. */
    public void toggleParameters() {
        window.paramsShownProperty().set(!window.paramsShownProperty().get());
    }
}
