package dev.unfold.cpu;

import dev.unfold.core.Geometry;
import java.util.Arrays;

/**
 * The CPU loops for one element type. The two kernel classes, one per element type, are twins: each is
 * the other with the type swapped (KernelTwinsTest fails when they drift apart).
 *
 * <p>Each method handles units [from, to) and writes only their part of the output, so units run in parallel.
 */
final class FloatKernels {
    private FloatKernels() {
    }

    /** TENSOR/TORCH order. Unit: one (n, c) plane, producing its contiguous KH·KW·OH·OW block. */
    static void im2colTapMajor(Geometry g, TapRanges r, float[] x, float[] col, int from, int to) {
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
                        Arrays.fill(col, dst, dst + ohw, 0f);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + yf * ow, 0f);
                    for (int oy = yf; oy < ye; oy++) {
                        int row = dst + oy * ow;
                        int src = plane + (oy * sh - ph + ky * dh) * w + xf * sw - pw + kx * dw;
                        Arrays.fill(col, row, row + xf, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, src, col, row + xf, xe - xf);
                        } else {
                            for (int ox = xf; ox < xe; ox++, src += sw) {
                                col[row + ox] = x[src];
                            }
                        }
                        Arrays.fill(col, row + xe, row + ow, 0f);
                    }
                    Arrays.fill(col, dst + ye * ow, dst + ohw, 0f);
                }
            }
        }
    }

    /** ROWS order. Unit: one band (n, oy), producing its OW contiguous patch rows. */
    static void im2colPatchMajor(Geometry g, TapRanges r, float[] x, float[] col, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w;
        int dst = from * ow * c * kh * kw;
        for (int band = from; band < to; band++) {
            int n = band / oh;
            int iy0 = (band - n * oh) * sh - ph;
            for (int ox = 0; ox < ow; ox++) {
                int ix0 = ox * sw - pw;
                boolean inside = ox >= r.xInsideFirst && ox < r.xInsideEnd;
                for (int plane = n * c * hw, end = plane + c * hw; plane < end; plane += hw) {
                    for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dh, dst += kw) {
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, dst, dst + kw, 0f);
                        } else if (inside) {
                            for (int kx = 0, src = plane + iy * w + ix0; kx < kw; kx++, src += dw) {
                                col[dst + kx] = x[src];
                            }
                        } else {
                            for (int kx = 0, ix = ix0; kx < kw; kx++, ix += dw) {
                                col[dst + kx] = ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0f;
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
    static void col2imTapMajor(Geometry g, TapRanges r, float[] col, float[] x, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            Arrays.fill(x, plane, plane + h * w, 0f);
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
     * ROWS order. Unit: channels [c0, c0+chunk) of one image. Patch rows are read last to first: an input
     * element's contributions then arrive with ky ascending, and kx ascending within each ky, the same
     * order as the tap-major loop, so both layouts give identical sums.
     */
    static void col2imPatchMajor(Geometry g, TapRanges r, int chunk, float[] col, float[] x, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w, kk = kh * kw, ckk = c * kk;
        int chunks = (c + chunk - 1) / chunk;
        for (int u = from; u < to; u++) {
            int n = u / chunks;
            int c0 = u % chunks * chunk;
            int c1 = Math.min(c, c0 + chunk);
            Arrays.fill(x, (n * c + c0) * hw, (n * c + c1) * hw, 0f);
            for (int oy = oh - 1; oy >= 0; oy--) {
                int iy0 = oy * sh - ph;
                for (int ox = ow - 1; ox >= 0; ox--) {
                    int ix0 = ox * sw - pw;
                    boolean inside = ox >= r.xInsideFirst && ox < r.xInsideEnd;
                    int t = ((n * oh + oy) * ow + ox) * ckk + c0 * kk;
                    for (int plane = (n * c + c0) * hw, end = (n * c + c1) * hw; plane < end; plane += hw) {
                        for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dh, t += kw) {
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int dst = plane + iy * w + ix0;
                            if (inside) {
                                for (int kx = 0; kx < kw; kx++) {
                                    x[dst + kx * dw] += col[t + kx];
                                }
                            } else {
                                for (int kx = 0, ix = ix0; kx < kw; kx++, ix += dw) {
                                    if (ix >= 0 && ix < w) {
                                        x[dst + kx * dw] += col[t + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
