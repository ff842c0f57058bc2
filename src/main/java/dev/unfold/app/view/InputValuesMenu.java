package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.EditedInput;
import dev.unfold.app.model.ImageInput;
import dev.unfold.app.model.InputPreset;
import dev.unfold.app.model.InputSource;
import dev.unfold.app.model.MainModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.MenuButton;

/** "x: ramp" — picks the input values every view uses; typed cells are shown as "(edited)", a picture by its name. */
final class InputValuesMenu {
    private InputValuesMenu() {
    }

    static MenuButton create(MainModel model, I18n i18n) {
        ObservableValue<InputPreset> preset = Bindings.createObjectBinding(
                () -> InputPreset.of(model.inputProperty().get()), model.inputProperty());
        MenuButton m = Segments.menu(List.of(InputPreset.values()), InputPreset::key, "input.title", i18n, preset,
                model::setInput, "input-values");
        m.textProperty().unbind();
        // one width whatever it names (see unfold.css): a picture's long name or ", edited" is shortened in the
        // middle, keeping "x:" and the end in view, instead of widening the tool bar until it wraps
        // A preset's name ends in its own "…" (ramp 1, 2, 3, …): cut in the middle it read "ramp…2, 3, …", so a
        // preset is shortened at its end.
        m.textOverrunProperty().bind(Bindings.createObjectBinding(() -> preset.getValue() != null
                ? javafx.scene.control.OverrunStyle.ELLIPSIS
                : javafx.scene.control.OverrunStyle.CENTER_WORD_ELLIPSIS, preset));
        m.setMnemonicParsing(false); // a picture named my_digit.png keeps its underscore
        // shortened in the middle, the label can lose what it says: the whole of it on hover
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(m.textProperty());
        m.setTooltip(whole);
        m.textProperty().bind(i18n.bind(() -> {
            InputPreset p = preset.getValue();
            InputSource input = model.inputProperty().get();
            InputSource base = input instanceof EditedInput e ? e.base() : input;
            // a picture is named, so that the bar says what the grid shows
            String name = p != null ? i18n.get(p.key())
                    : base instanceof ImageInput image ? image.name() : i18n.get("input.other");
            boolean edited = input instanceof EditedInput e && !e.edits().isEmpty();
            return i18n.get("input.title", edited ? i18n.get("input.edited", name) : name);
        }, model.inputProperty()));
        return m;
    }
}
