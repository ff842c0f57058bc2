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

    /**
     * TENSOR/TORCH order, SW = 1. Unit: one (n, c) plane, producing its contiguous KH·KW·OH·OW block.
     *
     * <p>With stride 1 and as many output as input columns ("same" padding), a tap's slab is the plane
     * shifted by a constant: one copy moves it whole, and the few columns that wrapped round from the
     * neighbouring row, where the tap reads padding, are zeroed after.
     */
    static void im2colTapMajor(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        boolean shifted = sh == 1 && ow == w;
        int dst = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            for (int ky = 0; ky < kh; ky++) {
                int yf = plan.yFirst[ky], ye = plan.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    int xf = plan.xFirst[kx], xe = plan.xEnd[kx];
                    if (shifted) {
                        copySlab(x, plane + (ky * dh - ph) * w + kx * dw - pw, col, dst, yf, ye, xf, xe, ow, ohw);
                        continue;
                    }
                    if (xf >= xe || yf >= ye) {
                        Arrays.fill(col, dst, dst + ohw, 0.0);
                        continue;
                    }
                    Arrays.fill(col, dst, dst + yf * ow, 0.0);
                    for (int oy = yf; oy < ye; oy++) {
                        int row = dst + oy * ow;
                        int src = plane + (oy * sh - ph + ky * dh) * w + xf - pw + kx * dw;
                        Arrays.fill(col, row, row + xf, 0.0);
                        System.arraycopy(x, src, col, row + xf, xe - xf);
                        Arrays.fill(col, row + xe, row + ow, 0.0);
                    }
                    Arrays.fill(col, dst + ye * ow, dst + ohw, 0.0);
                }
            }
        }
    }

    /**
     * One tap's slab at {@code dst} from a plane that holds slab element (oy, ox) at {@code shift + oy·OW + ox}
     * wherever it reads inside the input, [yf, ye) × [xf, xe): the valid rows in one copy, which also carries the
     * padding columns between them from the neighbouring plane row, then zeroed, as is the rest of the slab.
     */
    private static void copySlab(double[] plane, int shift, double[] col, int dst,
                                 int yf, int ye, int xf, int xe, int ow, int ohw) {
        if (xf >= xe || yf >= ye) {
            Arrays.fill(col, dst, dst + ohw, 0.0);
            return;
        }
        int first = dst + yf * ow + xf;
        Arrays.fill(col, dst, first, 0.0);
        System.arraycopy(plane, shift + yf * ow + xf, col, first, (ye - 1 - yf) * ow + xe - xf);
        if (xf > 0 || xe < ow) {
            for (int row = dst + yf * ow, end = dst + ye * ow; row < end; row += ow) {
                for (int ox = 0; ox < xf; ox++) {
                    col[row + ox] = 0.0;
                }
                for (int ox = xe; ox < ow; ox++) {
                    col[row + ox] = 0.0;
                }
            }
        }
        Arrays.fill(col, dst + ye * ow, dst + ohw, 0.0);
    }

    /**
     * TENSOR/TORCH order on phase planes (see {@link LoopPlan#phasePlanes}). Unit: one (n, c) plane, first
     * split into its phase planes; every tap's slab is then one of them shifted by a constant, one copy.
     */
    static void im2colTapMajorPlanes(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        int hw = g.h() * g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        double[] planes = scratch(plan.planesSize);
        int dst = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            splitPlanes(g, plan, x, p * hw, planes);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    copySlab(planes, plan.yPlane[ky] + plan.xPlane[kx], col, dst,
                            plan.yFirst[ky], plan.yEnd[ky], plan.xFirst[kx], plan.xEnd[kx], ow, ohw);
                }
            }
        }
    }

    /**
     * TENSOR/TORCH order on phase planes. Unit: one (n, c) plane, accumulated in zeroed phase planes, each tap's
     * slab added in one staged run in (ky, kx) order from +0 (the sums of every other loop), then interleaved
     * back into the plane.
     */
    static void col2imTapMajorPlanes(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int hw = g.h() * g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        double[] acc = scratch(plan.planesSize);
        double[] stage = stage(plan.planesSize);
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            Arrays.fill(acc, 0, plan.planesSize, 0.0);
            for (int ky = 0; ky < kh; ky++) {
                int yf = plan.yFirst[ky], ye = plan.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, src += ohw) {
                    int xf = plan.xFirst[kx], xe = plan.xEnd[kx];
                    if (xf < xe && yf < ye) {
                        addShifted(col, src, acc, plan.yPlane[ky] + plan.xPlane[kx] + yf * ow + xf,
                                yf, ye, xf, xe, ow, stage);
                    }
                }
            }
            joinPlanes(g, plan, acc, x, p * hw);
        }
    }

    /** The input plane at {@code plane} into its phase planes: column phase a of row y is one strided read. */
    private static void splitPlanes(Geometry g, LoopPlan plan, double[] x, int plane, double[] planes) {
        movePlanes(g, plan, x, plane, planes, true);
    }

    /** The mirror of {@link #splitPlanes}: every input pixel from the phase plane that holds it. */
    private static void joinPlanes(Geometry g, LoopPlan plan, double[] planes, double[] x, int plane) {
        movePlanes(g, plan, x, plane, planes, false);
    }

    private static void movePlanes(Geometry g, LoopPlan plan, double[] x, int plane, double[] planes, boolean split) {
        int h = g.h(), w = g.w(), sh = g.sh(), sw = g.sw(), ow = g.ow(), rows = plan.planeRows;
        for (int y = 0; y < h; y++) {
            int b = (y + g.ph()) % sh;
            int row = (b * sw * rows + (y - plan.planeY[b]) / sh) * ow;
            for (int a = 0; a < sw; a++, row += rows * ow) {
                int s = plane + y * w + plan.planeX[a];
                if (sw == 1) {
                    System.arraycopy(split ? x : planes, split ? s : row, split ? planes : x, split ? row : s, w);
                    continue;
                }
                for (int m = 0, count = plan.planeCount[a]; m < count; m++, s += sw) {
                    if (split) {
                        planes[row + m] = x[s];
                    } else {
                        x[s] = planes[row + m];
                    }
                }
            }
        }
    }

    /**
     * Per-thread scratch for the loops on padded rows, kept between calls so that repeated calls allocate
     * nothing. {@link LoopPlan} only chooses those loops when their scratch is small next to the data.
     */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    private static double[] scratch(int size) {
        return scratch(0, size);
    }

    /** A second buffer, for loops that stage data beside an accumulator (see {@link #addStaged}). */
    private static double[] stage(int size) {
        return scratch(1, size);
    }

    private static double[] scratch(int slot, int size) {
        double[][] holder = SCRATCH.get();
        if (holder[slot].length < size) {
            holder[slot] = new double[size];
        }
        return holder[slot];
    }

    /**
     * {@code acc[i] += stage[i]} for i in [from, to). Sums are written with one index for both arrays, the
     * data staged at the accumulator's own positions first: the JIT of Java 17 turns only such loops into
     * vector adds (with two different offsets it adds one element at a time, about eight times slower).
     * Worth it for long runs only: on a short one the copy and the loop's scalar ends cost more.
     */
    private static void addStaged(double[] acc, double[] stage, int from, int to) {
        for (int i = from; i < to; i++) {
            acc[i] += stage[i];
        }
    }

    /**
     * ROWS order. Unit: one band (n, oy). The band's input rows, padding included, are first copied into one
     * block of padded rows (c, ky); then every patch row is one gather from that block.
     */
    static void im2colPatchMajor(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        if (plan.channelsLastRows) {
            im2colPatchMajorChannelsLast(g, plan, x, col, from, to);
            return;
        }
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh();
        int hw = h * w, ckk = g.patchSize(), wp = plan.paddedWidth;
        int[] gather = plan.rowGather();
        double[] rows = scratch(c * kh * wp);
        int lo = Math.min(pw, wp);
        int hi = Math.max(lo, Math.min(wp, w + pw));
        for (int band = from; band < to; band++) {
            int n = band / oh;
            int iy0 = (band - n * oh) * sh - ph;
            for (int ch = 0, row = 0; ch < c; ch++) {
                int plane = (n * c + ch) * hw;
                for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dh, row += wp) {
                    if (iy < 0 || iy >= h) {
                        Arrays.fill(rows, row, row + wp, 0.0);
                    } else {
                        Arrays.fill(rows, row, row + lo, 0.0);
                        if (hi > lo) {
                            System.arraycopy(x, plane + iy * w + lo - pw, rows, row + lo, hi - lo);
                        }
                        Arrays.fill(rows, row + hi, row + wp, 0.0);
                    }
                }
            }
            int dst = band * ow * ckk;
            int gathered = plan.reuseRows ? Math.min(ow, plan.reuseDistance) : ow;
            for (int ox = 0; ox < gathered; ox++, dst += ckk) {
                int start = ox * sw;
                for (int j = 0; j < ckk; j++) {
                    col[dst + j] = rows[start + gather[j]];
                }
            }
            for (int ox = gathered; ox < ow; ox++, dst += ckk) {
                reusePatchRow(g, plan, col, dst, rows, ox * sw);
            }
        }
    }

    /**
     * ROWS order with many channels (see {@link LoopPlan#channelsLastRows}). Unit: one band (n, oy), as in
     * {@link #im2colPatchMajor}, but the padded rows are copied once per image, channels-last (see
     * {@link #copyChannelsLast}), for all the unit's bands of it: a tap's C values are then side by side, so
     * reading the taps a reused row lacks is one loop over the channels per (ky, kx) that reads contiguously.
     */
    private static void im2colPatchMajorChannelsLast(Geometry g, LoopPlan plan, double[] x, double[] col,
                                                     int from, int to) {
        int oh = g.oh(), rowLen = plan.paddedWidth * g.c();
        double[] image = scratch(plan.paddedHeight * rowLen);
        for (int band = from; band < to; ) {
            int n = band / oh, end = Math.min(to, (n + 1) * oh);
            int y0 = (band - n * oh) * g.sh(), y1 = (end - 1 - n * oh) * g.sh() + (g.kh() - 1) * g.dh() + 1;
            copyChannelsLast(g, plan, x, n, y0, y1, image);
            writeBands(g, plan, image, col, band, end);
            band = end;
        }
    }

    /** Bands [from, to) of one image from its channels-last padded rows. */
    private static void writeBands(Geometry g, LoopPlan plan, double[] image, double[] col, int from, int to) {
        int c = g.c(), kw = g.kw(), oh = g.oh(), ow = g.ow(), sh = g.sh(), sw = g.sw();
        int ckk = g.patchSize(), rowLen = plan.paddedWidth * c;
        int m = plan.reuseDistance, q = plan.reuseShift, gathered = Math.min(ow, m);
        for (int band = from; band < to; band++) {
            int top = band % oh * sh * rowLen;
            int dst = band * ow * ckk;
            for (int ox = 0; ox < gathered; ox++, dst += ckk) {
                readTaps(g, col, dst, image, top + ox * sw * c, rowLen, 0);
            }
            for (int ox = gathered; ox < ow; ox++, dst += ckk) {
                System.arraycopy(col, dst - m * ckk + q, col, dst, ckk - q);
                readTaps(g, col, dst, image, top + ox * sw * c, rowLen, kw - q);
            }
        }
    }

    /** Taps kx ≥ kxFrom of every (c, ky) of the patch row at dst, its window starting at {@code at} in the image. */
    private static void readTaps(Geometry g, double[] col, int dst, double[] image, int at, int rowLen, int kxFrom) {
        int c = g.c(), kh = g.kh(), kw = g.kw(), taps = kh * kw, dh = g.dh() * rowLen, dw = g.dw() * c;
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = kxFrom; kx < kw; kx++) {
                int s = at + ky * dh + kx * dw;
                for (int ch = 0, d = dst + ky * kw + kx; ch < c; ch++, d += taps) {
                    col[d] = image[s + ch];
                }
            }
        }
    }

    /** Padded rows [y0, y1) of image n, channels-last: padded pixel (c, Y, X) at (Y·paddedWidth + X)·C + c. */
    private static void copyChannelsLast(Geometry g, LoopPlan plan, double[] x, int n, int y0, int y1, double[] image) {
        int c = g.c(), h = g.h(), w = g.w(), ph = g.ph(), pw = g.pw(), hw = h * w;
        int wp = plan.paddedWidth, rowLen = wp * c;
        int lo = Math.min(pw, wp);
        int hi = Math.max(lo, Math.min(wp, w + pw));
        for (int y = y0; y < y1; y++) {
            int row = y * rowLen, iy = y - ph;
            if (iy < 0 || iy >= h) {
                Arrays.fill(image, row, row + rowLen, 0.0);
                continue;
            }
            Arrays.fill(image, row, row + lo * c, 0.0);
            Arrays.fill(image, row + hi * c, row + rowLen, 0.0);
            for (int xx = lo, src = n * c * hw + iy * w + lo - pw; xx < hi; xx++, src++) {
                for (int ch = 0, s = src, at = row + xx * c; ch < c; ch++, s += hw) {
                    image[at + ch] = x[s];
                }
            }
        }
    }

    /**
     * Patch row ox as patch row ox − m moved left by q taps (see {@link LoopPlan#reuseRows}): one copy, then
     * the last q taps of every (c, ky) run, which the earlier row does not hold, read from the padded rows.
     */
    private static void reusePatchRow(Geometry g, LoopPlan plan, double[] col, int dst, double[] rows, int start) {
        int kw = g.kw(), ckk = g.patchSize(), runs = g.c() * g.kh(), wp = plan.paddedWidth, q = plan.reuseShift;
        System.arraycopy(col, dst - plan.reuseDistance * ckk + q, col, dst, ckk - q);
        for (int kx = kw - q; kx < kw; kx++) {
            for (int r = 0, d = dst + kx, s = start + kx * g.dw(); r < runs; r++, d += kw, s += wp) {
                col[d] = rows[s];
            }
        }
    }

    /**
     * TENSOR/TORCH order with SW &gt; 1, where a tap's reads along a row are SW apart. Unit: one (n, c) plane,
     * first split into padded phase rows so that every output row is then one contiguous copy.
     */
    static void im2colTapMajorStrided(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), ph = g.ph(), dh = g.dh();
        int phases = g.sw(), pw = g.pw(), mw = plan.phaseWidth, rowLen = phases * mw;
        double[] split = scratch(h * rowLen);
        int dst = from * kh * kw * ohw;
        if (plan.tapColumns) {
            im2colByTapColumns(g, plan, x, col, from, to, split);
            return;
        }
        for (int p = from; p < to; p++) {
            splitPhases(x, p * h * w, h, w, pw, phases, mw, split);
            for (int ky = 0; ky < kh; ky++) {
                int yf = plan.yFirst[ky], ye = plan.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    int shift = plan.xPhase[kx] * mw + plan.xShift[kx];
                    Arrays.fill(col, dst, dst + yf * ow, 0.0);
                    for (int oy = yf; oy < ye; oy++) {
                        System.arraycopy(split, (oy * sh - ph + ky * dh) * rowLen + shift, col, dst + oy * ow, ow);
                    }
                    Arrays.fill(col, dst + ye * ow, dst + ohw, 0.0);
                }
            }
        }
    }

    /**
     * {@link #im2colTapMajorStrided} in fewer, longer copies. For each kx, the plane's padded rows are cut down
     * to the OW columns that tap reads, and the rows grouped by y mod SH: a tap's slab is then OH consecutive
     * rows of one group, OH·OW elements copied at once. KW·paddedHeight short copies and KH·KW long ones
     * replace KH·KW·OH short ones, which cost more in calls than in bytes.
     */
    private static void im2colByTapColumns(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to,
                                           double[] split) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), ph = g.ph(), dh = g.dh(), hp = plan.paddedHeight, groupRows = plan.groupRows;
        int phases = g.sw(), pw = g.pw(), mw = plan.phaseWidth, rowLen = phases * mw;
        double[] columns = stage(kw * sh * groupRows * ow);
        int dst = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            splitPhases(x, p * h * w, h, w, pw, phases, mw, split);
            for (int kx = 0; kx < kw; kx++) {
                int shift = plan.xPhase[kx] * mw + plan.xShift[kx];
                for (int y = 0; y < hp; y++) {
                    int row = ((kx * sh + y % sh) * groupRows + y / sh) * ow;
                    int iy = y - ph;
                    if (iy >= 0 && iy < h) {
                        System.arraycopy(split, iy * rowLen + shift, columns, row, ow);
                    } else {
                        Arrays.fill(columns, row, row + ow, 0.0);
                    }
                }
            }
            for (int ky = 0; ky < kh; ky++) {
                int py = ky * dh % sh, yy = ky * dh / sh;
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    System.arraycopy(columns, ((kx * sh + py) * groupRows + yy) * ow, col, dst, ohw);
                }
            }
        }
    }

    /** Row y of {@code split} holds padded row y of the plane as phases: padded column pc at (pc mod SW)·mw + pc / SW. */
    private static void splitPhases(double[] x, int plane, int h, int w, int pw, int phases, int mw, double[] split) {
        int rowLen = phases * mw;
        for (int y = 0; y < h; y++) {
            int src = plane + y * w - pw;
            for (int q = 0, d = y * rowLen; q < phases; q++, d += mw) {
                // padded columns q + m·SW inside the input: m in [m0, m1), the rest is padding
                int m0 = Math.min(mw, q >= pw ? 0 : (int) ((pw - q + phases - 1L) / phases));
                int m1 = (int) Math.max(m0, Math.min(mw, ((long) w + pw - q + phases - 1) / phases));
                Arrays.fill(split, d, d + m0, 0.0);
                for (int m = m0, pc = src + q + m0 * phases; m < m1; m++, pc += phases) {
                    split[d + m] = x[pc];
                }
                Arrays.fill(split, d + m1, d + mw, 0.0);
            }
        }
    }

    /**
     * TENSOR/TORCH order, SW = 1. Unit: one (n, c) plane, accumulated from zero with each tap's slab added in
     * (ky, kx) order, so every input element sums its contributions in the seed's order, then copied out.
     */
    static void col2imTapMajor(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow, hw = h * w;
        int sh = g.sh(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        boolean shifted = sh == 1 && ow == w;
        double[] acc = scratch(hw);
        double[] stage = stage(hw);
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            Arrays.fill(acc, 0, hw, 0.0);
            for (int ky = 0; ky < kh; ky++) {
                int yf = plan.yFirst[ky], ye = plan.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, src += ohw) {
                    int xf = plan.xFirst[kx], xe = plan.xEnd[kx], len = xe - xf;
                    if (len <= 0 || yf >= ye) {
                        continue;
                    }
                    if (shifted) {
                        addShifted(col, src, acc, (yf - ph + ky * dh) * w + xf - pw + kx * dw,
                                yf, ye, xf, xe, ow, stage);
                        continue;
                    }
                    for (int oy = yf; oy < ye; oy++) {
                        int at = (oy * sh - ph + ky * dh) * w + xf - pw + kx * dw;
                        addRun(col, src + oy * ow + xf, acc, at, len, stage);
                    }
                }
            }
            System.arraycopy(acc, 0, x, p * hw, hw);
        }
    }

    /** Runs shorter than this are added one element at a time: staging them would cost more than it saves. */
    static final int STAGED_RUN = 32;

    /** {@code acc[at + i] += col[s + i]} for i in [0, len), through {@code stage} where the run is long. */
    private static void addRun(double[] col, int s, double[] acc, int at, int len, double[] stage) {
        if (len < STAGED_RUN) {
            for (int i = 0; i < len; i++) {
                acc[at + i] += col[s + i];
            }
            return;
        }
        System.arraycopy(col, s, stage, at, len);
        addStaged(acc, stage, at, at + len);
    }

    /**
     * Adds the slab's rectangle [yf, ye) × [xf, xe) into the plane from {@code at} on in one run, the plane
     * being the slab shifted by a constant. The run also covers the slab's padding columns, which would land
     * on the neighbouring row: the staged copy has them zeroed first. Adding +0 changes no sum, since a sum
     * that starts from +0 is never −0.
     */
    private static void addShifted(double[] col, int slab, double[] acc, int at,
                                   int yf, int ye, int xf, int xe, int ow, double[] stage) {
        int len = (ye - 1 - yf) * ow + xe - xf;
        System.arraycopy(col, slab + yf * ow + xf, stage, at, len);
        if (xf > 0 || xe < ow) {
            for (int row = at - xf, end = at + len; row < end; row += ow) { // stage index of (oy, 0)
                for (int i = Math.max(at, row); i < row + xf; i++) {
                    stage[i] = 0.0;
                }
                for (int i = row + xe, rowEnd = Math.min(end, row + ow); i < rowEnd; i++) {
                    stage[i] = 0.0;
                }
            }
        }
        addStaged(acc, stage, at, at + len);
    }

    /**
     * TENSOR/TORCH order with SW &gt; 1. Unit: one (n, c) plane, accumulated in padded phase rows (see
     * {@link #im2colTapMajorStrided}) so that every slab row is one contiguous add (a vector add, through the
     * stage, where it is long), then interleaved back. Taps are added in (ky, kx) order from zero, the same
     * sums as every other loop.
     */
    static void col2imTapMajorStrided(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), ph = g.ph(), dh = g.dh();
        int phases = g.sw(), pw = g.pw(), mw = plan.phaseWidth, rowLen = phases * mw;
        double[] acc = scratch(h * rowLen);
        double[] stage = stage(h * rowLen);
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            Arrays.fill(acc, 0, h * rowLen, 0.0);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, src += ohw) {
                    int shift = plan.xPhase[kx] * mw + plan.xShift[kx];
                    for (int oy = plan.yFirst[ky]; oy < plan.yEnd[ky]; oy++) {
                        int a = (oy * sh - ph + ky * dh) * rowLen + shift;
                        addRun(col, src + oy * ow, acc, a, ow, stage);
                    }
                }
            }
            int plane = p * h * w;
            Arrays.fill(x, plane, plane + h * w, 0.0); // input columns right of every window get nothing
            for (int y = 0; y < h; y++) {
                int out = plane + y * w - pw;
                for (int q = 0, a = y * rowLen; q < phases; q++) {
                    // padded columns q, q+SW, …: skip those left of the input, stop at its right edge
                    int m0 = q >= pw ? 0 : (int) ((pw - q + phases - 1L) / phases);
                    int m1 = (int) Math.min(mw, ((long) w + pw - q + phases - 1) / phases);
                    for (int m = m0, pc = q + m0 * phases; m < m1; m++, pc += phases) {
                        x[out + pc] = acc[a + m];
                    }
                    a += mw;
                }
            }
        }
    }

    /**
     * ROWS order. Unit: one image, accumulated into a zeroed padded copy of it that is kept channels-last and
     * split into SW phases (as in {@link #im2colTapMajorStrided}): padded pixel (c, y, m·SW + phase) sits at
     * ((y·SW + phase)·phaseWidth + m)·C + c. A tap's contributions from one band of patch rows, taken in
     * (ox, c) order, then land on one contiguous run, and they are every KH·KW-th element of the band: one
     * loop per tap and band, whose accumulator index the JIT proves in bounds once instead of per element.
     * Taps kx, kx + q, kx + 2q, … (see {@link LoopPlan#reuseRows}) land a constant distance apart, so up to four
     * share one loop, in which each accumulator element takes all of them at once (see {@link #addTaps}).
     *
     * <p>Bands are added from last to first and taps in (ky, kx) order, so every input element sums its
     * contributions in (ky, kx) order from +0, the order of the tap-major loops: both layouts give identical
     * sums.
     *
     * <p>Accumulating and copying out are methods of their own, called once per image, so the JIT compiles
     * each loop nest by itself rather than inlined into the loop over images: 18–20 % faster, measured in
     * alternating runs.
     */
    static void col2imPatchMajor(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int size = plan.paddedHeight * g.sw() * plan.phaseWidth * g.c();
        double[] acc = scratch(size);
        for (int n = from; n < to; n++) {
            Arrays.fill(acc, 0, size, 0.0);
            accumulateImage(g, plan, col, n, acc);
            copyOut(g, plan, acc, n, x);
        }
    }

    /** Adds image n's patch rows into the channels-last, phase-split accumulator. */
    private static void accumulateImage(Geometry g, LoopPlan plan, double[] col, int n, double[] acc) {
        int c = g.c(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow(), sh = g.sh(), dh = g.dh();
        int taps = kh * kw, ckk = g.patchSize(), run = ow * c;
        int q = plan.reuseShift, d = plan.reuseDistance * c;
        int mw = plan.phaseWidth, rowLen = g.sw() * mw * c;
        double read = 0;
        for (int oy = oh - 1; oy >= 0; oy--) {
            int src = (n * oh + oy) * ow * ckk;
            if (plan.readAhead && oy > 0) {
                read += readLines(col, src - ow * ckk, src);
            }
            for (int ky = 0; ky < kh; ky++) {
                int row = (oy * sh + ky * dh) * rowLen;
                for (int k0 = 0; k0 < Math.min(q, kw); k0++) {
                    for (int kx = k0; kx < kw; kx += MERGED_TAPS * q) { // taps kx, kx + q, … at once
                        int at = row + (plan.xPhase[kx] * mw + plan.xShift[kx]) * c;
                        int s = src + ky * kw + kx;
                        addTaps(acc, at, d, col, s, q, taps, run, Math.min(MERGED_TAPS, (kw - 1 - kx) / q + 1));
                    }
                }
            }
        }
        linesRead = read;
    }

    /** Where {@link #readLines} leaves its sum, so that the JIT keeps the reads. */
    @SuppressWarnings("unused")
    private static double linesRead;

    /**
     * Every 16th element of col[from, to) — one per 64-byte line of floats, one per two lines of doubles — summed:
     * a plain forward read of a band, which the hardware fetches as a stream, so that the band's passes then find
     * it in the cache (see {@link LoopPlan#readAhead}).
     */
    private static double readLines(double[] col, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i += 16) {
            sum += col[i];
        }
        return sum;
    }

    /** Image n of the output from the accumulator: input pixels only, channels back in front. */
    private static void copyOut(Geometry g, LoopPlan plan, double[] acc, int n, double[] x) {
        int c = g.c(), h = g.h(), w = g.w(), sw = g.sw(), ph = g.ph(), pw = g.pw(), hw = h * w;
        int mw = plan.phaseWidth;
        int image = n * c * hw;
        if (plan.paddedHeight - ph < h || (long) mw * sw - pw < w) {
            Arrays.fill(x, image, image + c * hw, 0.0); // input rows below or columns right of every window get nothing
        }
        for (int y = 0, rows = Math.min(h, plan.paddedHeight - ph); y < rows; y++) {
            for (int phase = 0; phase < sw; phase++) {
                // padded columns phase, phase+SW, …: skip those left of the input, stop at its right edge
                int m0 = phase >= pw ? 0 : (int) ((pw - phase + sw - 1L) / sw);
                int m1 = (int) Math.min(mw, ((long) w + pw - phase + sw - 1) / sw);
                int first = ((y + ph) * sw + phase) * mw * c + m0 * c;
                for (int ch = 0; ch < c; ch++) {
                    int o = image + ch * hw + y * w + m0 * sw + phase - pw;
                    for (int m = m0, a = first + ch; m < m1; m++, a += c, o += sw) {
                        x[o] = acc[a];
                    }
                }
            }
        }
    }

    /** Taps of one band that {@link #addTaps} adds in one loop: up to four (the stem's kx = 0, 2, 4, 6). */
    private static final int MERGED_TAPS = 4;

    /**
     * n taps e apart in the patch row, landing d apart: {@code acc[at + i + k·d] += col[s + i·stride + k·e]} for
     * i &lt; count, k &lt; n. Each accumulator element takes all its taps in one visit, in k order —
     * ((acc + tap 0) + tap 1) + … — the same sums as one add per tap, with one load and one store of the
     * accumulator instead of n. Element j has taps k with 0 ≤ j − k·d &lt; count: the same ones for whole runs
     * of elements, at most 2n − 1 of them, each one loop.
     */
    private static void addTaps(double[] acc, int at, int d, double[] col, int s, int e, int stride, int count, int n) {
        int end = count + (n - 1) * d;
        for (int j = 0; j < end; ) {
            int lo = j < count ? 0 : (j - count) / d + 1;
            int hi = Math.min(n - 1, j / d);
            int next = Math.min(j < count ? count : count + lo * d, hi < n - 1 ? (j / d + 1) * d : end);
            int t0 = s + (j - lo * d) * stride + lo * e;
            int t1 = t0 + e - d * stride;
            int t2 = t1 + e - d * stride;
            switch (hi - lo) {
                case -1 -> { } // with count < d, elements between the taps' runs have none
                case 0 -> addOneTap(acc, at + j, col, t0, stride, next - j);
                case 1 -> addTwoTaps(acc, at, col, t0, t1, stride, j, next);
                case 2 -> addThreeTaps(acc, at, col, t0, t1, t2, stride, j, next);
                default -> addFourTaps(acc, at, col, t0, t1, t2, t2 + e - d * stride, stride, j, next);
            }
            j = next;
        }
    }

    /** {@code acc[at + j] += col[t0 + …] + col[t1 + …]} for j in [from, to), the taps' reads advancing by stride. */
    private static void addTwoTaps(double[] acc, int at, double[] col, int t0, int t1, int stride, int from, int to) {
        for (int j = from; j < to; j++, t0 += stride, t1 += stride) {
            acc[at + j] = acc[at + j] + col[t0] + col[t1];
        }
    }

    /** {@link #addTwoTaps} for three taps. */
    private static void addThreeTaps(double[] acc, int at, double[] col, int t0, int t1, int t2, int stride,
                                     int from, int to) {
        for (int j = from; j < to; j++, t0 += stride, t1 += stride, t2 += stride) {
            acc[at + j] = acc[at + j] + col[t0] + col[t1] + col[t2];
        }
    }

    /** {@link #addTwoTaps} for four taps. */
    private static void addFourTaps(double[] acc, int at, double[] col, int t0, int t1, int t2, int t3, int stride,
                                    int from, int to) {
        for (int j = from; j < to; j++, t0 += stride, t1 += stride, t2 += stride, t3 += stride) {
            acc[at + j] = acc[at + j] + col[t0] + col[t1] + col[t2] + col[t3];
        }
    }

    /** {@code acc[at + i] += col[s + i·stride]} for i in [0, count): one tap's values onto one run. */
    private static void addOneTap(double[] acc, int at, double[] col, int s, int stride, int count) {
        for (int i = 0; i < count; i++, s += stride) {
            acc[at + i] += col[s];
        }
    }

    /*
     * The general loops: no scratch, a bounds test per element. LoopPlan picks them only where the padded
     * buffers of the loops above would be large next to the data (padding or stride far beyond the input).
     */

    /** TENSOR/TORCH order, any stride. Unit: one (n, c) plane. */
    static void im2colTapMajorGeneral(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int dst = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            for (int ky = 0; ky < kh; ky++) {
                int yf = plan.yFirst[ky], ye = plan.yEnd[ky];
                for (int kx = 0; kx < kw; kx++, dst += ohw) {
                    int xf = plan.xFirst[kx], xe = Math.max(xf, plan.xEnd[kx]);
                    Arrays.fill(col, dst, dst + ohw, 0.0);
                    for (int oy = yf; oy < ye; oy++) {
                        int src = plane + (oy * sh - ph + ky * dh) * w + xf * sw - pw + kx * dw;
                        for (int ox = xf, d = dst + oy * ow + xf; ox < xe; ox++, src += sw, d++) {
                            col[d] = x[src];
                        }
                    }
                }
            }
        }
    }

    /** TENSOR/TORCH order, any stride. Unit: one (n, c) plane, taps added in (ky, kx) order from zero. */
    static void col2imTapMajorGeneral(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), ow = g.ow(), ohw = g.oh() * ow;
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int src = from * kh * kw * ohw;
        for (int p = from; p < to; p++) {
            int plane = p * h * w;
            Arrays.fill(x, plane, plane + h * w, 0.0);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++, src += ohw) {
                    int xf = plan.xFirst[kx], xe = plan.xEnd[kx];
                    for (int oy = plan.yFirst[ky]; oy < plan.yEnd[ky]; oy++) {
                        int dst = plane + (oy * sh - ph + ky * dh) * w + xf * sw - pw + kx * dw;
                        for (int ox = xf, s = src + oy * ow + xf; ox < xe; ox++, s++, dst += sw) {
                            x[dst] += col[s];
                        }
                    }
                }
            }
        }
    }

    /** ROWS order. Unit: one band (n, oy), patch rows written one after another. */
    static void im2colPatchMajorGeneral(Geometry g, LoopPlan plan, double[] x, double[] col, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w;
        int dst = from * ow * g.patchSize();
        for (int band = from; band < to; band++) {
            int n = band / oh;
            int iy0 = (band - n * oh) * sh - ph;
            for (int ox = 0; ox < ow; ox++) {
                int ix0 = ox * sw - pw;
                for (int plane = n * c * hw, end = plane + c * hw; plane < end; plane += hw) {
                    for (int ky = 0, iy = iy0; ky < kh; ky++, iy += dh) {
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int kx = 0, ix = ix0; kx < kw; kx++, ix += dw) {
                            col[dst++] = rowInside && ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0.0;
                        }
                    }
                }
            }
        }
    }

    /**
     * ROWS order. Unit: one image; patch rows from last to first, which gives each input element its
     * contributions in (ky, kx) order (see {@link #col2imPatchMajor}).
     */
    static void col2imPatchMajorGeneral(Geometry g, LoopPlan plan, double[] col, double[] x, int from, int to) {
        int c = g.c(), h = g.h(), w = g.w(), kh = g.kh(), kw = g.kw(), oh = g.oh(), ow = g.ow();
        int sh = g.sh(), sw = g.sw(), ph = g.ph(), pw = g.pw(), dh = g.dh(), dw = g.dw();
        int hw = h * w, ckk = g.patchSize();
        for (int n = from; n < to; n++) {
            Arrays.fill(x, n * c * hw, (n + 1) * c * hw, 0.0);
            for (int oy = oh - 1; oy >= 0; oy--) {
                for (int ox = ow - 1; ox >= 0; ox--) {
                    int src = ((n * oh + oy) * ow + ox) * ckk;
                    for (int plane = n * c * hw, end = plane + c * hw; plane < end; plane += hw) {
                        for (int ky = 0, iy = oy * sh - ph; ky < kh; ky++, iy += dh) {
                            for (int kx = 0, ix = ox * sw - pw; kx < kw; kx++, ix += dw, src++) {
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    x[plane + iy * w + ix] += col[src];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
