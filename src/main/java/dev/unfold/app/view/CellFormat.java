package dev.unfold.app.view;

import java.util.Locale;

/**
 * How a value is written inside a cell: integers plainly, others with at most three significant digits, except
 * that a value which rounds to 1000 or more is written as its nearest whole number: "2730", not "2.73e+03",
 * which is twice as wide and would be left out of a cell that holds the integers around it.
 */
final class CellFormat {
    private CellFormat() {
    }

    static String value(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) >= 999.5 && Math.abs(v) < 1e7) {
            long whole = Math.round(Math.abs(v));
            return Long.toString(v < 0 ? -whole : whole);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Like {@link #value}, without trailing zeros after the point: 0.25 rather than 0.250, for small cells. */
    static String compact(double v) {
        String s = value(v);
        if (s.indexOf('.') < 0 || s.indexOf('e') >= 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * For the formula panels, which have room: up to six significant digits, without trailing zeros, so that a
     * sum such as 103.5 is not shown as 104 next to the terms it adds.
     */
    static String precise(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.indexOf('.') < 0 || s.indexOf('e') >= 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
