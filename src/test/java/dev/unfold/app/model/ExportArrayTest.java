package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportArrayTest {

    @Test
    void theArraysAreTheFramesOwnBuffersWithTheLayoutsShape() throws Exception {
        Params p = new Params(2, 3, 5, 6, 3, 2, 2, 1, 1, 2, 1, 2);
        Geometry g = p.geometry();
        for (Layout l : Layout.values()) {
            try (ModelHarness h = new ModelHarness(Settings.defaults().withParams(p).withLayout(l)
                    .withOrder(TraceOrder.IM2COL_BY_PATCH))) {
                h.start();
                Frame f = h.model.frame();
                List<ExportArray> arrays = ExportArray.of(f);
                ExportArray input = arrays.get(0);
                ExportArray column = arrays.get(1);
                assertSame(f.input(), input.values());
                assertArrayEquals(new int[] {2, 3, 5, 6}, input.shape());
                assertEquals(2 * 3 * 5, input.rows());
                assertEquals(6, input.cols());
                assertSame(f.column(), column.values());
                assertArrayEquals(l.shape(g), column.shape());
                assertEquals(column.values().length, column.rows() * column.cols());
                if (l == Layout.ROWS) {
                    assertEquals(g.patchCount(), column.rows());
                    assertEquals("c1_ky2_kx0", column.header().get(g.kh() * g.kw() + 2 * g.kw()));
                } else {
                    assertEquals(g.oh() * g.ow(), column.cols());
                    assertEquals("oy1_ox0", column.header().get(g.ow()));
                }
            }
        }
    }
}
