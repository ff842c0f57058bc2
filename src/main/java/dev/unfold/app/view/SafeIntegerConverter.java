package dev.unfold.app.view;

import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/** Parses typed text for an integer spinner: out of range is clamped, anything unreadable keeps the current value. */
final class SafeIntegerConverter extends StringConverter<Integer> {
    private final SpinnerValueFactory.IntegerSpinnerValueFactory factory;

    SafeIntegerConverter(SpinnerValueFactory.IntegerSpinnerValueFactory factory) {
        this.factory = factory;
    }

    @Override
    public String toString(Integer v) {
        return v == null ? "" : v.toString();
    }

    @Override
    public Integer fromString(String s) {
        try {
            int v = Integer.parseInt(s.trim());
            return Math.max(factory.getMin(), Math.min(factory.getMax(), v));
        } catch (RuntimeException e) {
            return factory.getValue();
        }
    }
}
