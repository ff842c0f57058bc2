package dev.unfold.cpu;

import dev.unfold.core.Geometry;
import java.util.Arrays;

/**
 * The CPU loops for one element type. The two kernel classes, one per element type, are twins: each is
 * the other with the type swapped (KernelTwinsTest fails when they drift apart).
 *
 * <p>Each method handles units [from, to) and writes only their part of the output, so units run in parallel.
 */
final class DoubleKernels {
    private DoubleKernels() {
    }

    /** TENSOR/TORCH order. Unit: one (n, c) plane, producing its contiguous KH·KW·OH·OW block. */
    static void im2colTapMajor(Geometry g, TapRanges r, double[] x, double[] col, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int dst = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            for (int ky = 0; ky < kh; ky++) {
                int yf = r.yFirst[ky], ye = r.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    int xf = r.xFirst[kx], xe = r.xEnd[kx];
                    if (xf >= xe) {
                        Arrays.fill(col, dst, dst + ohw, 0.0);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + yf * ow, 0.0);
                    for (int oy = yf; oy < ye; oy++) {
                        int row = dst + oy * ow;
                        int src = plane + (oy * sh - ph + ky * dh) * w + xf * sw - pw + kx * dw;
                        Arrays.fill(col, row, row + xf, 0.0);
                        if (sw == 1) {
                            System.arraycopy(x, src, col, row + xf, xe - xf);
                        } else {
                            for (int ox = xf; ox < xe; ox++, src += sw) {
                                col[row + ox] = x[src];
                            }
                        }
                        Arrays.fill(col, row + xe, row + ow, 0.0);
                    }
                    Arrays.fill(col, dst + ye * ow, dst + ohw, 0.0);
                }
            }
        }
    }

    /**
     * Patch rows handled together by the ROWS loops: {@value} rows of a few thousand elements stay in the
     * first-level cache while every tap writes (or reads) one element of each.
     */
    static final int ROW_BLOCK = 8;

    /**
     * ROWS order. Unit: one band (n, oy), filled a block of patch rows at a time, tap by tap: each tap copies
     * one run of an input row down one column of the block.
     */
    static void im2colPatchMajor(Geometry g, TapRanges r, double[] x, double[] col, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w, ckk = c * kh * kw;
        for (int band = from; band < to; band++) {
            int n = band / oh;
            int iy0 = (band - n * oh) * sh - ph;
            for (int ob = 0; ob < ow; ob += ROW_BLOCK) {
                int oe = Math.min(ow, ob + ROW_BLOCK);
                int blockBase = (band * ow + ob) * ckk;
                for (int ch = 0, tap = 0; ch < c; ch++) {
                    int plane = (n * c + ch) * hw;
                    for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dh) {
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int kx = 0; kx < kw; kx++, tap++) {
                            int xf = rowInside ? Math.max(ob, Math.min(oe, r.xFirst[kx])) : oe;
                            int xe = rowInside ? Math.max(xf, Math.min(oe, r.xEnd[kx])) : oe;
                            int d = blockBase + tap;
                            for (int ox = ob; ox < xf; ox++, d += ckk) {
                                col[d] = 0.0;
                            }
                            for (int ox = xf, s = plane + iy * w + xf * sw - pw + kx * dw; ox < xe; ox++, s += sw, d += ckk) {
                                col[d] = x[s];
                            }
                            for (int ox = xe; ox < oe; ox++, d += ckk) {
                                col[d] = 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * TENSOR/TORCH order. Unit: one (n, c) plane, zeroed, then each tap's slab added in (ky, kx) order,
     * so every input element sums its contributions in the seed's order.
     */
    static void col2imTapMajor(Geometry g, TapRanges r, double[] col, double[] x, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            Arrays.fill(x, plane, plane + h * w, 0.0);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, src += ohw) {
                    int xf = r.xFirst[kx], len = r.xEnd[kx] - xf;
                    for (int oy = r.yFirst[ky]; oy < r.yEnd[ky]; oy++) {
                        int dst = plane + (oy * sh - ph + ky * dh) * w + xf * sw - pw + kx * dw;
                        int s = src + oy * ow + xf;
                        if (sw == 1) {
                            for (int i = 0; i < len; i++) {
                                x[dst + i] += col[s + i];
                            }
                        } else {
                            for (int i = 0; i < len; i++, dst += sw) {
                                x[dst] += col[s + i];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * ROWS order. Unit: channels [c0, c0+chunk) of one image. Patch rows are visited in blocks from last to
     * first, taps in (ky, kx) order within a block. An input element is reached by later patches with
     * smaller taps, so its contributions arrive with ky ascending, then kx ascending: the order of the
     * tap-major loop, so both layouts give identical sums.
     */
    static void col2imPatchMajor(Geometry g, TapRanges r, int chunk, double[] col, double[] x, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w, kk = kh * kw, ckk = c * kk;
        int chunks = (c + chunk - 1) / chunk;
        int lastBlock = (ow - 1) / ROW_BLOCK * ROW_BLOCK;
        for (int u = from; u < to; u++) {
            int n = u / chunks;
            int c0 = u % chunks * chunk;
            int c1 = Math.min(c, c0 + chunk);
            Arrays.fill(x, (n * c + c0) * hw, (n * c + c1) * hw, 0.0);
            for (int oy = oh - 1; oy >= 0; oy--) {
                for (int ob = lastBlock; ob >= 0; ob -= ROW_BLOCK) {
                    int oe = Math.min(ow, ob + ROW_BLOCK);
                    int blockBase = ((n * oh + oy) * ow + ob) * ckk;
                    for (int ch = c0, tap = c0 * kk; ch < c1; ch++) {
                        int plane = (n * c + ch) * hw;
                        for (int ky = 0, iy = oy * sh - ph; ky < kh; ky++, iy += dh) {
                            if (iy < 0 || iy >= h) {
                                tap += kw;
                                continue;
                            }
                            for (int kx = 0; kx < kw; kx++, tap++) {
                                int xf = Math.max(ob, Math.min(oe, r.xFirst[kx]));
                                int xe = Math.max(xf, Math.min(oe, r.xEnd[kx]));
                                int d = plane + iy * w + xf * sw - pw + kx * dw;
                                for (int ox = xf, s = blockBase + (xf - ob) * ckk + tap; ox < xe; ox++, s += ckk, d += sw) {
                                    x[d] += col[s];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
