package dev.unfold.cpu;

import dev.unfold.core.Axis;
import dev.unfold.core.Geometry;

/**
 * Everything the loops need that depends only on the geometry, computed once per call, and the choice of
 * loop that follows from it.
 *
 * <p>Tap-major loops use, per kernel tap, the output range that reads inside the input, so they fill padding
 * by whole runs and copy the rest without a bounds test per element.
 *
 * <p>The fast loops work on padded rows, the seed's {@code np.pad} done a little at a time: a padded row is
 * {@code paddedWidth} long and position p holds input column p − PW. Within a patch row, element
 * j = (c, ky, kx) then sits at a fixed distance from where the patch starts (the gather table), so one
 * uniform loop serves every kernel size, stride, dilation and padding. Padded buffers grow with padding and
 * stride, not with the data, so for far-out geometries (padding or stride much larger than the input) the
 * plan picks the general loops instead, which need no scratch.
 */
final class LoopPlan {

    /** A padded buffer is used when it holds at most this many times its unit's own data, plus SLACK. */
    private static final long SCRATCH_FACTOR = 4;
    private static final long SLACK = 1 << 16;
    /** Rows are reused when at most 1 / REUSE_FRACTION of each row is left to read one element at a time. */
    private static final long REUSE_FRACTION = 3;
    /** Shorter patch rows are gathered whole: the copy's call would cost more than the elements it moves. */
    private static final int REUSE_MIN_ROW = 64;
    /** More taps per channel than a 64-byte line holds floats: see {@link #readAhead}. */
    private static final int READ_AHEAD_TAPS = 16;
    /** Fewer channels make the per-tap loops over channels too short (measured slower at 8, faster from 16). */
    private static final int CHANNELS_LAST_MIN = 16;

    final int[] yFirst;
    final int[] yEnd;
    final int[] xFirst;
    final int[] xEnd;
    /** Padded width and height: every column (row) some window reads, (OW−1)·SW + (KW−1)·DW + 1. */
    final int paddedWidth;
    final int paddedHeight;
    /**
     * Strided tap-major loops split each padded row into SW phases, padded column p going to phase p mod SW
     * at position p / SW, so that the columns a tap reads lie side by side: tap kx reads phase
     * {@code xPhase[kx]} from position {@code xShift[kx]} on. Each phase is {@code phaseWidth} long.
     */
    final int phaseWidth;
    final int[] xPhase;
    final int[] xShift;
    /** ROWS im2col: the band's padded input rows (C·KH of them) are small enough to copy first. */
    final boolean paddedRows;
    /** ROWS col2im: an image's padded, phase-split accumulator (C·paddedHeight·SW·phaseWidth) is small enough. */
    final boolean paddedImage;
    /** Strided tap-major loops: a plane's phase-split padded rows (H·SW·phaseWidth) are small enough. */
    final boolean phasedRows;
    /**
     * Strided tap-major im2col: padded rows per group of rows alike mod SH, ⌈paddedHeight / SH⌉; and whether
     * the per-kx columns of a plane (KW·SH·groupRows·OW) are no larger than the plane's part of the output,
     * so that copying them first costs less than it saves.
     */
    final int groupRows;
    final boolean tapColumns;
    /**
     * ROWS im2col: patch row ox reads what patch row ox − m read, q taps further on: tap kx of row ox is tap
     * kx + q of row ox − m, for m·SW = q·DW with m = DW / gcd(SW, DW) and q = SW / gcd(SW, DW). So a patch row
     * is a copy of an earlier one, shifted, plus the last q taps of each (c, ky) run. Taken where those taps
     * are at most a third of a row of some length: a copy moves many elements per instruction, the taps one
     * at a time. ROWS col2im uses the same m and q: taps kx and kx + q reach the same input column from
     * patches m apart.
     */
    final boolean reuseRows;
    final int reuseDistance;
    final int reuseShift;
    /**
     * ROWS im2col with reused rows and at least 16 channels: the image's padded rows are copied channels-last
     * (C·paddedHeight·paddedWidth, small enough next to the image's output), so that a tap's values for all
     * channels lie side by side.
     */
    final boolean channelsLastRows;
    /**
     * Tap-major loops on phase planes. Input row y goes to row phase (y + PH) mod SH, column x to column phase
     * (x + PW) mod SW; plane (b, a) holds the input pixels of row phase b and column phase a, in order, in rows
     * exactly OW long (the first at column 0, the first row at row 0). Tap (ky, kx) reads one plane, and output
     * (oy, ox) of its slab sits at {@code oy·OW + ox + yPlane[ky] + xPlane[kx]} there: the slab is the plane
     * shifted by a constant, so the slab's valid rows are one copy (or one staged add), as for stride 1 with
     * "same" padding, where the input plane itself is that one plane. Taken where every column phase has at most
     * OW input columns — which "same"-style padding gives at any stride — and the planes are small enough;
     * not for stride 1 with OW = W, which needs no split.
     */
    final boolean phasePlanes;
    final int planeRows;
    final int planesSize;
    /** Per column phase a: the first input column x of the phase and how many there are; per row phase, the first row. */
    final int[] planeX;
    final int[] planeCount;
    final int[] planeY;
    final int[] yPlane;
    final int[] xPlane;
    /**
     * ROWS col2im: a channel's KH·KW taps in a patch row span more than a 64-byte line of floats (a 7×7
     * kernel's do, a 3×3 kernel's do not), so a pass over a band for one kernel row reads only some of its
     * lines, and the band's first passes pull it from memory a scattered line at a time. The next band is then
     * first read once, forward, one element per line: the stem's ROWS col2im ran 35 % faster on one thread
     * (0.69 against 1.07 ns per element). Where every pass reads every line it does not pay: ResNet's 3×3 ran
     * slower with it on two threads.
     */
    final boolean readAhead;
    /**
     * Made here, before any thread reads it: the call's threads share the plan, and a table filled on first use
     * was seen half-filled by another thread.
     */
    private final int[] rowGather;

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
        // below H + 2·PH and W + 2·PW, which Geometry keeps under 2^31
        paddedWidth = (g.ow() - 1) * g.sw() + (g.kw() - 1) * g.dw() + 1;
        paddedHeight = (g.oh() - 1) * g.sh() + (g.kh() - 1) * g.dh() + 1;
        phaseWidth = (paddedWidth - 1) / g.sw() + 1; // ⌈paddedWidth / SW⌉ without passing the int range
        xPhase = new int[g.kw()];
        xShift = new int[g.kw()];
        for (int k = 0; k < g.kw(); k++) {
            xPhase[k] = (int) ((long) k * g.dw() % g.sw());
            xShift[k] = (int) ((long) k * g.dw() / g.sw());
        }
        long plane = (long) g.oh() * g.ow();
        paddedRows = affordable((long) g.c() * g.kh() * paddedWidth, (long) g.ow() * g.patchSize());
        paddedImage = affordable((long) g.c() * paddedHeight * g.sw() * phaseWidth,
                plane * g.patchSize() + (long) g.c() * g.h() * g.w());
        groupRows = (paddedHeight - 1) / g.sh() + 1;
        long columns = (long) g.kw() * g.sh() * groupRows * g.ow();
        tapColumns = columns <= plane * g.kh() * g.kw() && columns <= Geometry.MAX_ARRAY;
        int common = gcd(g.sw(), g.dw());
        reuseDistance = g.dw() / common;
        reuseShift = g.sw() / common;
        reuseRows = (long) reuseShift * REUSE_FRACTION <= g.kw() && g.patchSize() >= REUSE_MIN_ROW;
        channelsLastRows = reuseRows && paddedRows && g.c() >= CHANNELS_LAST_MIN
                && affordable((long) g.c() * paddedHeight * paddedWidth, plane * g.patchSize());
        rowGather = paddedRows && !channelsLastRows ? rowGather(g, paddedWidth) : null;
        readAhead = g.kh() * g.kw() > READ_AHEAD_TAPS;
        phasedRows = affordable((long) g.h() * g.sw() * phaseWidth,
                plane * g.kh() * g.kw() + (long) g.h() * g.w());

        long planesBudget = plane * g.kh() * g.kw() + (long) g.h() * g.w();
        // the planes hold at least SH·SW·OW elements; a stride of 10⁹ on a tiny input must not size tables by it
        boolean fewPhases = affordable((long) g.sh() * g.sw(), planesBudget);
        int sh = fewPhases ? g.sh() : 0, sw = fewPhases ? g.sw() : 0, ow = g.ow();
        planeX = new int[sw];
        planeCount = new int[sw];
        boolean fits = fewPhases;
        for (int a = 0; a < sw; a++) {
            planeX[a] = firstInPhase(g.pw(), a, sw);
            planeCount[a] = countInPhase(g.w(), g.pw(), a, sw);
            fits &= planeCount[a] <= ow;
        }
        planeY = new int[sh];
        int rows = 0;
        for (int b = 0; b < sh; b++) {
            planeY[b] = firstInPhase(g.ph(), b, sh);
            rows = Math.max(rows, countInPhase(g.h(), g.ph(), b, sh));
        }
        planeRows = rows;
        long size = (long) sh * sw * rows * ow;
        phasePlanes = fits && !(sh == 1 && sw == 1 && ow == g.w()) && affordable(size, planesBudget);
        planesSize = phasePlanes ? (int) size : 0;
        yPlane = new int[g.kh()];
        xPlane = new int[g.kw()];
        if (phasePlanes) {
            // tap k reads padded position o·S + k·D: phase k·D mod S, index o + k·D / S within the phase
            // an offset alone may pass the int range where the window reaches far into the padding; the int
            // sums of offsets that locate a valid element are exact all the same, since they wrap alike
            for (int k = 0; k < g.kh(); k++) {
                long b = (long) k * g.dh() % sh, t = (long) k * g.dh() / sh;
                yPlane[k] = (int) ((b * sw * rows + t - ((long) planeY[(int) b] + g.ph()) / sh) * ow);
            }
            for (int k = 0; k < g.kw(); k++) {
                long a = (long) k * g.dw() % sw, t = (long) k * g.dw() / sw;
                xPlane[k] = (int) (a * rows * ow + t - ((long) planeX[(int) a] + g.pw()) / sw);
            }
        }
    }

    /** The first input position i ≥ 0 with (i + pad) mod stride = phase (it may lie past the input). */
    private static int firstInPhase(int pad, int phase, int stride) {
        return Math.floorMod(phase - pad, stride);
    }

    /** How many input positions in [0, size) have (i + pad) mod stride = phase. */
    private static int countInPhase(int size, int pad, int phase, int stride) {
        int first = firstInPhase(pad, phase, stride);
        return first >= size ? 0 : (size - 1 - first) / stride + 1;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static boolean affordable(long scratch, long data) {
        return scratch <= SCRATCH_FACTOR * data + SLACK && scratch <= Geometry.MAX_ARRAY;
    }

    /** ROWS im2col: offset of element j in the band's block of padded rows (c, ky), each paddedWidth long. */
    int[] rowGather() {
        return rowGather;
    }

    private static int[] rowGather(Geometry g, int paddedWidth) {
        int[] offsets = new int[g.patchSize()];
        for (int c = 0, j = 0; c < g.c(); c++) {
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++, j++) {
                    offsets[j] = (c * g.kh() + ky) * paddedWidth + kx * g.dw();
                }
            }
        }
        return offsets;
    }
}
