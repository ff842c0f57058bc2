package dev.unfold.app.model;

import dev.unfold.core.Axis;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a set of parameters is not a convolution, in numbers the view can put into words in any language.
 * The core's {@code Geometry.problems} decides validity; this only explains and suggests a fix.
 *
 * @param axes  the axes whose window is larger than the padded input
 * @param other the core's own lines for anything else (kept verbatim, English)
 */
public record ParamProblem(List<AxisProblem> axes, List<String> other) {

    /**
     * @param height    true for the vertical axis
     * @param span      the window extent DH·(KH−1)+1
     * @param padded    the padded input extent H+2·PH
     * @param fixPad    the smallest padding that makes the window fit, or -1 beyond the padding slider
     * @param fixKernel the largest kernel that fits with the current padding and dilation
     */
    public record AxisProblem(boolean height, int size, int pad, int kernel, int dilation,
                              int span, int padded, int fixPad, int fixKernel) {
    }

    /** Null when the params form a geometry. */
    public static ParamProblem of(Params p) {
        List<String> core = p.problems();
        if (core.isEmpty()) {
            return null;
        }
        List<AxisProblem> axes = new ArrayList<>();
        axis(axes, true, p.h(), p.ph(), p.kh(), p.dh(), p.sh());
        axis(axes, false, p.w(), p.pw(), p.kw(), p.dw(), p.sw());
        List<String> other = axes.isEmpty() ? core : core.stream().filter(s -> !s.startsWith("window ")).toList();
        return new ParamProblem(List.copyOf(axes), List.copyOf(other));
    }

    private static void axis(List<AxisProblem> out, boolean height, int size, int pad, int kernel, int dilation,
                             int stride) {
        if (size < 1 || kernel < 1 || dilation < 1 || stride < 1 || pad < 0) {
            return;
        }
        Axis a = new Axis(size, kernel, stride, pad, dilation);
        if (a.outLong() >= 1) {
            return;
        }
        int span = dilation * (kernel - 1) + 1;
        int padded = size + 2 * pad;
        int needPad = (span - size + 1) / 2;
        int fixPad = needPad <= ParamKey.PH.max() ? needPad : -1;
        int fixKernel = Math.max(1, (padded - 1) / dilation + 1);
        out.add(new AxisProblem(height, size, pad, kernel, dilation, span, padded, fixPad, fixKernel));
    }

    /** The params with each failing axis fixed: more padding where the slider allows, else a smaller kernel. */
    public Params fix(Params p) {
        Params q = p;
        for (AxisProblem a : axes) {
            ParamKey padKey = a.height ? ParamKey.PH : ParamKey.PW;
            ParamKey kernelKey = a.height ? ParamKey.KH : ParamKey.KW;
            q = a.fixPad >= 0 ? q.with(padKey, a.fixPad) : q.with(kernelKey, a.fixKernel);
        }
        return q;
    }
}
