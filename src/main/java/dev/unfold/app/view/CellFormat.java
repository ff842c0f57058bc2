package dev.unfold.app.view;

import java.util.Locale;

/** How a value is written inside a cell: integers plainly, others with at most three significant digits. */
final class CellFormat {
    private CellFormat() {
    }

    static String value(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
