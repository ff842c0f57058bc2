package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.HashMap;
import java.util.Map;

/**
 * An input with values typed into single cells on top of another source. Edits are kept by position, so they
 * survive a parameter change that keeps their cell, and are simply not applied while it lies outside.
 */
public record EditedInput(InputSource base, Map<Cell, Double> edits) implements InputSource {

    /** An input position (n, c, y, x). */
    public record Cell(int n, int c, int y, int x) {
        boolean inside(Geometry g) {
            return n >= 0 && n < g.n() && c >= 0 && c < g.c() && y >= 0 && y < g.h() && x >= 0 && x < g.w();
        }

        int index(Geometry g) {
            return ((n * g.c() + c) * g.h() + y) * g.w() + x;
        }
    }

    public EditedInput {
        if (base instanceof EditedInput) {
            throw new IllegalArgumentException("edits go on the underlying source");
        }
        edits = Map.copyOf(edits);
    }

    /** {@code s} with no edits, or {@code s} itself when it is already an edited input. */
    public static EditedInput of(InputSource s) {
        return s instanceof EditedInput e ? e : new EditedInput(s, Map.of());
    }

    public EditedInput with(Cell cell, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a cell value must be a finite number, got " + value);
        }
        Map<Cell, Double> m = new HashMap<>(edits);
        m.put(cell, value);
        return new EditedInput(base, m);
    }

    @Override
    public double[] fill(Geometry g) {
        double[] x = base.fill(g);
        edits.forEach((cell, v) -> {
            if (cell.inside(g)) {
                x[cell.index(g)] = v;
            }
        });
        return x;
    }
}
