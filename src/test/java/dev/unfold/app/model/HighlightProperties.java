package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.ColumnElement;
import dev.unfold.core.BackendParts;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HighlightProperties {

    private static Frame frame(Geometry g) {
        double[] x = InputSource.RAMP.fill(g);
        return new Frame(1, g, Layout.ROWS, TraceOrder.IM2COL_BY_PATCH, x, new double[g.columnSize()],
                Traces.of(g, Layout.ROWS, TraceOrder.IM2COL_BY_PATCH), new int[g.columnSize()],
                new boolean[g.columnSize()], new BackendParts("cpu", 1, null, null, null), null, 0, 1);
    }

    /** Hovering any padded position lights exactly the cells whose source is that position. */
    @Property(tries = 150)
    void inputFocusLightsEveryCopyAndNothingElse(@ForAll @IntRange(min = 1, max = 2) int n,
                                                 @ForAll @IntRange(min = 1, max = 2) int c,
                                                 @ForAll @IntRange(min = 1, max = 7) int h,
                                                 @ForAll @IntRange(min = 1, max = 7) int w,
                                                 @ForAll @IntRange(min = 1, max = 4) int kh,
                                                 @ForAll @IntRange(min = 1, max = 4) int kw,
                                                 @ForAll @IntRange(min = 1, max = 3) int s,
                                                 @ForAll @IntRange(min = 0, max = 2) int p,
                                                 @ForAll @IntRange(min = 1, max = 2) int d) {
        Assume.that(Geometry.problems(n, c, h, w, kh, kw, s, s, p, p, d, d).isEmpty());
        Geometry g = new Geometry(n, c, h, w, kh, kw, s, s, p, p, d, d);
        Frame f = frame(g);
        for (int y = -p; y < h + p; y++) {
            for (int x = -p; x < w + p; x++) {
                int yy = y;
                int xx = x;
                Highlight hl = Highlight.of(f, new Focus.Input(n - 1, c - 1, y, x));
                List<Integer> expected = new ArrayList<>();
                for (int row = 0; row < g.patchCount(); row++) {
                    for (int tap = 0; tap < g.patchSize(); tap++) {
                        ColumnElement e = ColumnElement.of(g, row, tap);
                        if (e.n() == n - 1 && e.c() == c - 1 && e.iy() == yy && e.ix() == xx) {
                            expected.add(f.cell(row, tap));
                        }
                    }
                }
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), hl.cells());
                boolean inside = y >= 0 && y < h && x >= 0 && x < w;
                assertEquals(!inside, hl.padding());
                if (inside) { // copies along each axis multiply: the core's window counts
                    assertEquals(g.yAxis().windowCount(y) * g.xAxis().windowCount(x), hl.count());
                }
            }
        }
    }

    /** Hovering a column cell lights its source, and that source's highlight contains the cell. */
    @Property(tries = 100)
    void columnFocusPointsBackToItsSource(@ForAll @IntRange(min = 1, max = 6) int h,
                                          @ForAll @IntRange(min = 1, max = 3) int k,
                                          @ForAll @IntRange(min = 1, max = 3) int s,
                                          @ForAll @IntRange(min = 0, max = 2) int p) {
        Assume.that(Geometry.problems(1, 2, h, h, k, k, s, s, p, p, 1, 1).isEmpty());
        Geometry g = new Geometry(1, 2, h, h, k, k, s, s, p, p, 1, 1);
        Frame f = frame(g);
        for (int row = 0; row < g.patchCount(); row++) {
            for (int tap = 0; tap < g.patchSize(); tap++) {
                Highlight hl = Highlight.of(f, new Focus.Column(row, tap));
                ColumnElement e = ColumnElement.of(g, row, tap);
                assertEquals(e.iy(), hl.y());
                assertEquals(e.ix(), hl.x());
                assertEquals(e.padding(g), hl.padding());
                assertEquals(true, hl.lights(f.cell(row, tap)));
            }
        }
    }
}
