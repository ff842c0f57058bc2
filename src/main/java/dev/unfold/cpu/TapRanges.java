package dev.unfold.cpu;

import dev.unfold.core.Axis;
import dev.unfold.core.Geometry;

/**
 * Per kernel tap, the output range that reads inside the input, so the loops fill padding by whole runs
 * and copy the rest without a bounds test per element. {@code xInsideFirst..xInsideEnd} are the output
 * columns whose every tap reads inside: there a patch row is copied without any test.
 */
final class TapRanges {
    final int[] yFirst;
    final int[] yEnd;
    final int[] xFirst;
    final int[] xEnd;
    final int xInsideFirst;
    final int xInsideEnd;

    TapRanges(Geometry g) {
        Axis ya = g.yAxis();
        Axis xa = g.xAxis();
        yFirst = new int[g.kh()];
        yEnd = new int[g.kh()];
        xFirst = new int[g.kw()];
        xEnd = new int[g.kw()];
        for (int k = 0; k < g.kh(); k++) {
            yFirst[k] = ya.first(k);
            yEnd[k] = ya.end(k);
        }
        int lo = 0;
        int hi = g.ow();
        for (int k = 0; k < g.kw(); k++) {
            xFirst[k] = xa.first(k);
            xEnd[k] = xa.end(k);
            lo = Math.max(lo, xFirst[k]);
            hi = Math.min(hi, xEnd[k]);
        }
        xInsideFirst = lo;
        xInsideEnd = Math.max(lo, hi);
    }
}
