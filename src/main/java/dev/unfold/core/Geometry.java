package dev.unfold.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One convolution window over one input: input (N, C, H, W), kernel (KH, KW), stride (SH, SW),
 * padding (PH, PW) and dilation (DH, DW). Output size follows the seed with dilation added:
 * {@code OH = (H + 2·PH − DH·(KH−1) − 1) / SH + 1} (floor).
 *
 * <p>A constructed geometry is always valid: every count it reports fits in a Java array.
 * {@link #problems} gives the reasons a set of numbers is not, without throwing.
 */
public record Geometry(int n, int c, int h, int w,
                       int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    /** The largest array length the JVM allocates reliably. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

    public Geometry {
        List<String> problems = problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
        if (!problems.isEmpty()) {
            throw new GeometryException(problems);
        }
    }

    /** Square kernel, stride, padding and dilation 1. */
    public static Geometry of(int n, int c, int h, int w, int k, int s, int p) {
        return new Geometry(n, c, h, w, k, k, s, s, p, p, 1, 1);
    }

    /** Everything that is wrong with these numbers, one line each; empty when they form a geometry. */
    public static List<String> problems(int n, int c, int h, int w,
                                        int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        List<String> out = new ArrayList<>();
        atLeast(out, "batch N", n, 1);
        atLeast(out, "channels C", c, 1);
        atLeast(out, "input height H", h, 1);
        atLeast(out, "input width W", w, 1);
        atLeast(out, "kernel height KH", kh, 1);
        atLeast(out, "kernel width KW", kw, 1);
        atLeast(out, "stride SH", sh, 1);
        atLeast(out, "stride SW", sw, 1);
        atLeast(out, "padding PH", ph, 0);
        atLeast(out, "padding PW", pw, 0);
        atLeast(out, "dilation DH", dh, 1);
        atLeast(out, "dilation DW", dw, 1);
        if (!out.isEmpty()) {
            return out;
        }
        long oh = windowFits(out, "height", "H", "PH", "KH", "DH", "SH", "OH", h, ph, kh, dh, sh);
        long ow = windowFits(out, "width", "W", "PW", "KW", "DW", "SW", "OW", w, pw, kw, dw, sw);
        long nch = checkedProduct(n, c, h);
        long input = nch < 0 ? -1 : checkedProduct(nch, w, 1);
        if (input < 0 || input > MAX_ARRAY) {
            out.add("input too large: N·C·H·W = " + n + "·" + c + "·" + h + "·" + w
                    + " elements, more than a Java array holds (" + MAX_ARRAY + ")");
        }
        if (oh >= 1 && ow >= 1) {
            long rows = checkedProduct(n, oh, ow);
            long cols = checkedProduct(c, kh, kw);
            long total = rows < 0 || cols < 0 ? -1 : checkedProduct(rows, cols, 1);
            if (total < 0 || total > MAX_ARRAY) {
                out.add("column matrix too large: (N·OH·OW) × (C·KH·KW) = (" + n + "·" + oh + "·" + ow + ") × ("
                        + c + "·" + kh + "·" + kw + ") elements, more than a Java array holds (" + MAX_ARRAY
                        + "); use a smaller input, batch or kernel, or a larger stride");
            }
        }
        return out;
    }

    private static void atLeast(List<String> out, String name, int value, int min) {
        if (value < min) {
            out.add(name + " must be at least " + min + ", got " + value);
        }
    }

    private static long windowFits(List<String> out, String side, String size, String pad, String kernel,
                                   String dilation, String stride, String outName,
                                   int in, int p, int k, int d, int s) {
        long span = (long) d * (k - 1) + 1;
        long padded = (long) in + 2L * p;
        if (padded > Integer.MAX_VALUE) {
            // positions along an axis are ints in every backend
            out.add("padded input " + side + " " + size + "+2·" + pad + " = " + in + "+2·" + p + " = " + padded
                    + " is past " + Integer.MAX_VALUE + "; use less padding");
            return 0;
        }
        long o = Math.floorDiv(padded - span, s) + 1;
        if (span > padded) {
            out.add("window " + side + " " + span + " (" + dilation + "·(" + kernel + "−1)+1 = " + d + "·(" + k
                    + "−1)+1) is larger than the padded input " + side + " " + padded + " (" + size + "+2·" + pad
                    + " = " + in + "+2·" + p + "), so " + outName + " would be " + o
                    + "; use a smaller kernel or dilation, or more padding");
        }
        return o;
    }

    /** Product of three non-negative numbers, or -1 if it passes the long range. */
    private static long checkedProduct(long a, long b, long c) {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), c);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    public Axis yAxis() {
        return new Axis(h, kh, sh, ph, dh);
    }

    public Axis xAxis() {
        return new Axis(w, kw, sw, pw, dw);
    }

    public int oh() {
        return yAxis().out();
    }

    public int ow() {
        return xAxis().out();
    }

    /** Rows of the column matrix: N·OH·OW. */
    public int patchCount() {
        return n * oh() * ow();
    }

    /** Columns of the column matrix: C·KH·KW. */
    public int patchSize() {
        return c * kh * kw;
    }

    public int inputSize() {
        return n * c * h * w;
    }

    public int columnSize() {
        return patchCount() * patchSize();
    }

    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    /** Column elements per input element: how much im2col inflates the data. */
    public double blowUp() {
        return (double) columnSize() / inputSize();
    }

    /**
     * Null when a column buffer and an input buffer of this dtype can be allocated next to what the JVM
     * already holds (after a collection, where what it holds leaves too little); otherwise the reason, naming the
     * sizes.
     */
    public String allocationProblem(DType dtype) {
        Runtime rt = Runtime.getRuntime();
        long need = ((long) columnSize() + inputSize()) * dtype.bytes();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > free && need <= rt.maxMemory()) {
            // what looks held may be garbage not yet collected (the window's last, larger computation): collect
            // it before refusing, or a buffer that fits is refused with a "can allocate only" that is not true
            rt.gc();
            free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (need > free) {
            return "column matrix needs " + mib(need) + " (" + columnSize() + " × " + dtype.bytes()
                    + " bytes plus the input) but the JVM can allocate only about " + mib(free)
                    + "; use a smaller input, or raise -Xmx";
        }
        return null;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    public Geometry withInput(int n, int c, int h, int w) {
        return new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    @Override
    public String toString() {
        return "(" + n + "," + c + "," + h + "," + w + ") k" + kh + "x" + kw + " s" + sh + "x" + sw
                + " p" + ph + "x" + pw + " d" + dh + "x" + dw;
    }
}
