package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.Trace;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The visit list shown for a pixel is the seed's GPU loop run literally, and agrees with the core's trace. */
class PixelVisitsPropertyTest {

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.onScreen(8_000);
    }

    /** The seed's _col2im_gpu loops, written out with dilation, recording every (ky, kx) and its verdict. */
    private static List<String> seedLoop(Geometry g, int y, int x) {
        List<String> out = new ArrayList<>();
        for (int ky = 0; ky < g.kh(); ky++) {
            int outY = y + g.ph() - ky * g.dh();
            if (0 > outY || outY >= g.oh() * g.sh()) {
                out.add(ky + ",-,range");
                continue;
            }
            if (outY % g.sh() != 0) {
                out.add(ky + ",-,stride");
                continue;
            }
            outY /= g.sh();
            for (int kx = 0; kx < g.kw(); kx++) {
                int outX = x + g.pw() - kx * g.dw();
                if (0 > outX || outX >= g.ow() * g.sw()) {
                    out.add(ky + "," + kx + ",range");
                    continue;
                }
                if (outX % g.sw() != 0) {
                    out.add(ky + "," + kx + ",stride");
                    continue;
                }
                outX /= g.sw();
                out.add(ky + "," + kx + "," + outY + "," + outX);
            }
        }
        return out;
    }

    private static String describe(PixelVisits.Visit v) {
        if (v.kx() < 0) {
            return v.ky() + ",-," + v.skipY().name().toLowerCase();
        }
        if (!v.reaches()) {
            return v.ky() + "," + v.kx() + "," + v.skipX().name().toLowerCase();
        }
        return v.ky() + "," + v.kx() + "," + v.oy() + "," + v.ox();
    }

    @Property(tries = 150)
    void visitsAreTheSeedLoopAndTheTracesMoves(@ForAll("geometries") Geometry g) {
        Trace trace = Traces.of(g, Layout.ROWS, TraceOrder.COL2IM_BY_PIXEL);
        List<List<String>> moves = new ArrayList<>();
        for (int i = 0; i < g.h() * g.w(); i++) {
            moves.add(new ArrayList<>());
        }
        int planeSize = g.h() * g.w();
        for (long s = 0; s < trace.length(); s++) {
            Move m = trace.move(s);
            if (m.input() < planeSize) { // plane (0, 0)
                int ky = m.tap() / g.kw() % g.kh();
                int kx = m.tap() % g.kw();
                int oy = m.row() / g.ow() % g.oh();
                int ox = m.row() % g.ow();
                moves.get(m.input()).add(ky + "," + kx + "," + oy + "," + ox);
            }
        }
        for (int y = 0; y < g.h(); y++) {
            for (int x = 0; x < g.w(); x++) {
                PixelVisits v = PixelVisits.of(g, y, x);
                assertEquals(seedLoop(g, y, x), v.visits().stream().map(PixelVisitsPropertyTest::describe).toList(),
                        g + " at " + y + "," + x);
                assertEquals(moves.get(y * g.w() + x),
                        v.visits().stream().filter(PixelVisits.Visit::reaches).map(PixelVisitsPropertyTest::describe)
                                .toList(), "the trace visits exactly the pairs that reach, in order");
                assertEquals(g.yAxis().windowCount(y) * g.xAxis().windowCount(x), v.reached());
            }
        }
    }
}
