package dev.unfold.cpu;

import dev.unfold.core.Axis;
import dev.unfold.core.Geometry;

/**
 * Everything the loops need that depends only on the geometry, computed once per call.
 *
 * <p>Tap-major loops use, per kernel tap, the output range that reads inside the input, so they fill padding
 * by whole runs and copy the rest without a bounds test per element.
 *
 * <p>Patch-major (ROWS) loops work on padded rows instead, the seed's {@code np.pad} done one band at a time:
 * a padded row is {@code paddedWidth} long and position {@code p} holds input column {@code p − PW}. Within a
 * patch row, element j = (c, ky, kx) then sits at a fixed distance {@code gather[j]} from where the patch
 * starts, so one uniform loop serves every kernel size, stride, dilation and padding.
 */
final class LoopPlan {
    final int[] yFirst;
    final int[] yEnd;
    final int[] xFirst;
    final int[] xEnd;
    /** Padded width: every column a window reads, (OW−1)·SW + (KW−1)·DW + 1. */
    final int paddedWidth;
    /** Padded height, likewise. */
    final int paddedHeight;
    /** im2col ROWS: offset of element j in the band's block of padded rows (c, ky), each paddedWidth long. */
    final int[] rowGather;
    /** col2im ROWS: offset of element j in a padded image of all channels, paddedHeight × paddedWidth each. */
    final int[] imageGather;
    /**
     * Tap-major loops with SW &gt; 1 split each padded row into SW phases, padded column p going to phase
     * p mod SW at position p / SW, so that the columns a tap reads lie side by side: tap kx reads phase
     * {@code xPhase[kx]} from position {@code xShift[kx]} on. Each phase is {@code phaseWidth} long.
     */
    final int phaseWidth;
    final int[] xPhase;
    final int[] xShift;

    LoopPlan(Geometry g) {
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
        for (int k = 0; k < g.kw(); k++) {
            xFirst[k] = xa.first(k);
            xEnd[k] = xa.end(k);
        }
        paddedWidth = (g.ow() - 1) * g.sw() + (g.kw() - 1) * g.dw() + 1;
        paddedHeight = (g.oh() - 1) * g.sh() + (g.kh() - 1) * g.dh() + 1;
        phaseWidth = (paddedWidth + g.sw() - 1) / g.sw();
        xPhase = new int[g.kw()];
        xShift = new int[g.kw()];
        for (int k = 0; k < g.kw(); k++) {
            xPhase[k] = k * g.dw() % g.sw();
            xShift[k] = k * g.dw() / g.sw();
        }
        rowGather = new int[g.patchSize()];
        imageGather = new int[g.patchSize()];
        for (int c = 0, j = 0; c < g.c(); c++) {
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++, j++) {
                    rowGather[j] = (c * g.kh() + ky) * paddedWidth + kx * g.dw();
                    imageGather[j] = (c * paddedHeight + ky * g.dh()) * paddedWidth + kx * g.dw();
                }
            }
        }
    }
}
