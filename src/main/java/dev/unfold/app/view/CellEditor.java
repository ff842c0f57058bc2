package dev.unfold.app.view;

import java.util.Locale;
import java.util.function.DoubleConsumer;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A text field laid over one cell of a canvas grid for typing a value. Enter or leaving the field keeps what was
 * typed when it is a number (a fraction such as 1/9 included); Esc, or leaving it with text that is no number,
 * changes nothing. Enter on text that is no finite number keeps the field open, outlined in red, with a line
 * under it that says what it takes ({@link #invalidTextProperty()}, which the owner binds in the window's
 * language). The field is not managed, so the canvas pane places it itself.
 */
final class CellEditor {

    private final TextField field = new TextField();
    private final Label hint = new Label();
    private DoubleConsumer commit;
    private Runnable closed = () -> { };

    CellEditor(ObservableList<Node> hostChildren) {
        field.setManaged(false);
        field.setVisible(false);
        field.setId("cell-editor");
        field.getStyleClass().add("cell-editor");
        hint.setManaged(false);
        hint.setVisible(false);
        hint.setId("cell-editor-hint");
        hint.getStyleClass().add("cell-editor-hint");
        hint.setText("Not a finite number");
        hint.setWrapText(true);
        hostChildren.addAll(field, hint);
        field.textProperty().addListener(o -> showHint(false));
        field.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                finish(true);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                finish(false);
                e.consume();
            }
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && field.isVisible()) {
                finish(true);
            }
        });
    }

    /** Opens over the rectangle (x, y, w, h) with {@code initial} selected, or replaced by {@code typed}. */
    void open(double x, double y, double w, double h, String initial, String typed, DoubleConsumer commit) {
        this.commit = commit;
        double width = Math.max(w, 90);
        double height = Math.max(h, 30);
        field.resizeRelocate(x + (w - width) / 2, y + (h - height) / 2, width, height);
        field.setStyle("-fx-font-size: " + Math.max(14, Math.min(22, height * 0.45)) + "px;");
        field.getStyleClass().remove("invalid");
        showHint(false);
        field.setVisible(true);
        field.toFront();
        field.requestFocus();
        if (typed != null) {
            field.setText(typed);
            field.positionCaret(typed.length());
        } else {
            field.setText(initial);
            field.selectAll();
        }
    }

    /** The line shown under the field when Enter finds no number in it. */
    StringProperty invalidTextProperty() {
        return hint.textProperty();
    }

    /** The line under the field, for tests: its text when shown, else null. */
    String shownHint() {
        return hint.isVisible() ? hint.getText() : null;
    }

    private void showHint(boolean show) {
        if (show) {
            double w = hint.prefWidth(-1);
            javafx.scene.layout.Region host = field.getParent() instanceof javafx.scene.layout.Region r ? r : null;
            if (host != null && host.getWidth() > 0) { // a narrow pane: as wide as the pane, on more lines
                w = Math.min(w, host.getWidth());
            }
            double h = hint.prefHeight(w);
            hint.resize(w, h);
            double x = field.getLayoutX();
            double y = field.getLayoutY() + field.getHeight() + 2;
            if (host != null) { // inside the pane: above the field where there is no room below, shifted left
                x = Math.max(0, Math.min(x, host.getWidth() - w));
                if (y + h > host.getHeight()) {
                    y = Math.max(0, field.getLayoutY() - h - 2);
                }
            }
            hint.relocate(x, y);
            hint.toFront();
        }
        hint.setVisible(show);
    }

    boolean isOpen() {
        return field.isVisible();
    }

    void onClosed(Runnable r) {
        closed = r;
    }

    TextField field() {
        return field;
    }

    private void finish(boolean keep) {
        if (!field.isVisible()) {
            return;
        }
        Double v = keep ? parse(field.getText()) : null;
        if (keep && v == null && field.isFocused()) { // Enter on text that is no number: say so, stay open
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            showHint(true);
            return;
        }
        showHint(false);
        field.setVisible(false);
        DoubleConsumer c = commit;
        commit = null;
        if (v != null && c != null) {
            c.accept(v);
        }
        closed.run();
    }

    /** A finite number, also written as p/q or with a decimal comma; null for anything else. */
    static Double parse(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.').replace('−', '-').toLowerCase(Locale.ROOT);
        try {
            double v;
            int slash = t.indexOf('/');
            if (slash > 0) {
                v = Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
            } else {
                v = Double.parseDouble(t);
            }
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
