package dev.unfold.app.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Undo and redo of the parameters. Changes that follow each other closely, as a slider drag makes dozens of,
 * are one step: undo goes back to where the drag started, not one pixel of it.
 */
final class ParamHistory {

    /** Changes closer together than this belong to one step. */
    static final long STEP_NANOS = 700_000_000L;
    /** Steps kept: a lesson's worth, not a session's. */
    static final int DEPTH = 100;

    private final LongSupplier clock;
    private final Deque<Params> undo = new ArrayDeque<>();
    private final Deque<Params> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private long lastChange = Long.MIN_VALUE;

    ParamHistory(LongSupplier clock) {
        this.clock = clock;
    }

    /** The parameters are about to change from {@code before}, by the user's hand. */
    void changing(Params before) {
        long now = clock.getAsLong();
        if (undo.isEmpty() || lastChange == Long.MIN_VALUE || now - lastChange > STEP_NANOS) {
            undo.push(before);
            if (undo.size() > DEPTH) {
                undo.removeLast();
            }
        }
        lastChange = now;
        redo.clear();
        update();
    }

    /** The parameters to go back to from {@code current}, or null when there are none. */
    Params undo(Params current) {
        return move(undo, redo, current);
    }

    /** The parameters undone last, to go forward to from {@code current}, or null. */
    Params redo(Params current) {
        return move(redo, undo, current);
    }

    private Params move(Deque<Params> from, Deque<Params> to, Params current) {
        if (from.isEmpty()) {
            return null;
        }
        to.push(current);
        lastChange = Long.MIN_VALUE; // the next change is a step of its own
        Params p = from.pop();
        update();
        return p;
    }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
