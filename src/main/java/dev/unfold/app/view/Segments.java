package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import org.controlsfx.control.SegmentedButton;

/** The choice controls of the backward views' bars, each following a model property and calling a command. */
final class Segments {
    private Segments() {
    }

    /** One toggle per value; exactly one stays selected. Ids are {@code id-value}, tooltips {@code key.tip}. */
    static <T extends Enum<T>> SegmentedButton of(List<T> values, Function<T, String> key, I18n i18n,
                                                  ObservableValue<T> state, Consumer<T> command, String id) {
        SegmentedButton seg = new SegmentedButton();
        seg.setId(id);
        for (T v : values) {
            ToggleButton b = new ToggleButton();
            b.setId(id + "-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.textProperty().bind(i18n.text(key.apply(v)));
            b.setUserData(v);
            b.setSelected(v == state.getValue());
            Controls.tip(b, i18n, key.apply(v) + ".tip");
            picks(seg, b, v, state, command);
            seg.getButtons().add(b);
        }
        state.addListener((o, a, now) -> seg.getButtons().forEach(b -> b.setSelected(b.getUserData() == now)));
        return seg;
    }

    /**
     * Makes {@code b} pick {@code v} whenever it becomes selected: by a click, and by the arrow keys, which
     * move the selection within a segmented button. Only acting on clicks would let the arrows light a segment
     * whose view or layout never came. A click on the selected segment keeps it selected, and a command that
     * does not take puts the selection back on the segment of the current state.
     */
    static <T> void picks(SegmentedButton seg, ToggleButton b, T v, ObservableValue<T> state, Consumer<T> command) {
        b.selectedProperty().addListener((o, was, now) -> {
            if (now && state.getValue() != v) {
                command.accept(v);
                if (state.getValue() != v) {
                    Platform.runLater(() -> seg.getButtons()
                            .forEach(x -> x.setSelected(x.getUserData() == state.getValue())));
                }
            }
        });
        b.setOnAction(e -> b.setSelected(state.getValue() == v));
    }

    /** A menu button showing "title: value", one radio item per value. Ids are {@code id-value}; tooltip {@code titleKey.tip}. */
    static <T extends Enum<T>> MenuButton menu(List<T> values, Function<T, String> key, String titleKey, I18n i18n,
                                               ObservableValue<T> state, Consumer<T> command, String id) {
        MenuButton m = new MenuButton();
        m.setId(id);
        m.textProperty().bind(i18n.bind(() -> i18n.get(titleKey, state.getValue() == null ? "—"
                : i18n.get(key.apply(state.getValue()))), state));
        ToggleGroup group = new ToggleGroup();
        for (T v : values) {
            RadioMenuItem item = new RadioMenuItem();
            item.setId(id + "-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            item.textProperty().bind(i18n.text(key.apply(v)));
            item.setToggleGroup(group);
            item.setSelected(v == state.getValue());
            item.setOnAction(e -> command.accept(v));
            m.getItems().add(item);
        }
        state.addListener((o, a, now) -> m.getItems().forEach(i -> ((RadioMenuItem) i)
                .setSelected(i.getId().equals(id + "-" + (now == null ? "" : now.name().toLowerCase(Locale.ROOT)
                        .replace('_', '-'))))));
        Controls.tip(m, i18n, titleKey + ".tip");
        return m;
    }

    static Label label(I18n i18n, String key) {
        Label l = new Label();
        l.textProperty().bind(i18n.text(key));
        l.getStyleClass().add("bar-label");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }
}
