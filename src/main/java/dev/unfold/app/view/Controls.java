package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small helpers the views share for tooltips and icons. */
final class Controls {
    private Controls() {
    }

    static <T extends Control> T tip(T control, I18n i18n, String key, Object... args) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(i18n.text(key, args));
        t.setShowDelay(Duration.millis(350));
        t.setWrapText(true);
        t.setMaxWidth(420);
        control.setTooltip(t);
        // A screen reader reads a control's text; one that shows only an icon, a track or a number has none
        // that says what it is for, so the tooltip's words stand in (and serve as help for all).
        if (control instanceof javafx.scene.control.Labeled l) {
            control.accessibleTextProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> l.getText() == null || l.getText().isBlank() ? t.getText() : null,
                    l.textProperty(), t.textProperty()));
        } else {
            control.accessibleTextProperty().bind(t.textProperty());
        }
        control.accessibleHelpProperty().bind(t.textProperty());
        return control;
    }

    static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("app-icon");
        return i;
    }
}
