package dev.unfold.app.model;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.util.EnumSet;
import java.util.Set;

/** What the window remembers between runs. */
public record Settings(Params params, Set<Pair> linked, TraceOrder order, Layout layout, BackendChoice backend,
                       double speed, double cellSize, WindowBounds window, ViewKind view) {

    public static final double DEFAULT_SPEED = 4;
    public static final double DEFAULT_CELL = 30;

    /** Size and place of the main window; x and y are NaN when the system should place it. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
        public static final WindowBounds DEFAULT = new WindowBounds(Double.NaN, Double.NaN, 1600, 960, false);
    }

    public static Settings defaults() {
        return new Settings(Params.SEED, EnumSet.allOf(Pair.class), TraceOrder.IM2COL_BY_PATCH, Layout.ROWS,
                BackendChoice.AUTO, DEFAULT_SPEED, DEFAULT_CELL, WindowBounds.DEFAULT, ViewKind.IM2COL);
    }

    public Settings withParams(Params p) {
        return new Settings(p, linked, order, layout, backend, speed, cellSize, window, view);
    }

    public Settings withOrder(TraceOrder o) {
        return new Settings(params, linked, o, layout, backend, speed, cellSize, window, view);
    }

    public Settings withLayout(Layout l) {
        return new Settings(params, linked, order, l, backend, speed, cellSize, window, view);
    }

}
