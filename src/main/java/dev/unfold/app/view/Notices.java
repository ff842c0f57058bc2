package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Short messages in the corner of the window (ControlsFX notifications): what was saved, and why something
 * could not be opened or saved. They do not block the lesson: the window keeps working behind them. The last
 * one shown is also kept as a property, for the status of a test or a screen reader.
 */
public final class Notices {

    /** One message as shown. */
    public record Notice(boolean error, String title, String text) {
    }

    private final I18n i18n;
    private final java.util.function.Supplier<Window> owner;
    private final ReadOnlyObjectWrapper<Notice> last = new ReadOnlyObjectWrapper<>(this, "last");

    /** {@code owner} gives the window to show them on, or null while there is none. */
    public Notices(I18n i18n, java.util.function.Supplier<Window> owner) {
        this.i18n = i18n;
        this.owner = owner;
    }

    public ReadOnlyObjectProperty<Notice> lastProperty() {
        return last.getReadOnlyProperty();
    }

    /** A failure: the title says what was being done ({@code titleKey}), the text why it failed. */
    public void error(String titleKey, String text) {
        show(new Notice(true, i18n.get(titleKey), text), Duration.seconds(12));
    }

    public void info(String titleKey, String text) {
        show(new Notice(false, i18n.get(titleKey), text), Duration.seconds(6));
    }

    private void show(Notice n, Duration hideAfter) {
        last.set(n);
        Window w = owner.get();
        if (w == null || !w.isShowing()) {
            return; // nothing to show it on (a window not shown yet); the property still has it
        }
        Notifications note = Notifications.create()
                .owner(w)
                .title(n.title())
                .text(n.text())
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(hideAfter);
        if (n.error()) {
            note.showError();
        } else {
            note.showInformation();
        }
    }
}
