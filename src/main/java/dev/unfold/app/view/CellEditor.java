package dev.unfold.app.view;

import java.util.Locale;
import java.util.function.DoubleConsumer;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A text field laid over one cell of a canvas grid for typing a value. Enter or leaving the field keeps what was
 * typed when it is a number (a fraction such as 1/9 included); Esc, or leaving it with text that is no number,
 * changes nothing. The field is not managed, so the canvas pane places it itself.
 */
final class CellEditor {

    private final TextField field = new TextField();
    private DoubleConsumer commit;
    private Runnable closed = () -> { };

    CellEditor(ObservableList<Node> hostChildren) {
        field.setManaged(false);
        field.setVisible(false);
        field.setId("cell-editor");
        field.getStyleClass().add("cell-editor");
        hostChildren.add(field);
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
            return;
        }
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
