package dev.unfold.app.view;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.ParamProblem;
import dev.unfold.app.model.Params;
import java.util.ArrayList;
import java.util.List;

/** Puts a {@link ParamProblem} into words in the current language. */
final class ProblemText {
    private ProblemText() {
    }

    /**
     * One sentence per failing axis; when both fail with the same numbers (a linked pair, as it mostly is) one
     * sentence for both, so that the panel's text and the banner do not say the same thing twice.
     */
    static String describe(ParamProblem pr, I18n i18n) {
        List<String> lines = new ArrayList<>();
        List<ParamProblem.AxisProblem> axes = pr.axes();
        if (axes.size() == 2 && sameNumbers(axes.get(0), axes.get(1))) {
            ParamProblem.AxisProblem a = axes.get(0);
            lines.add(i18n.get("problem.axes", a.span(), a.dilation(), a.kernel(), a.padded(), a.size(), a.pad()));
            axes = List.of();
        }
        for (ParamProblem.AxisProblem a : axes) {
            String axis = i18n.get(a.height() ? "axis.height" : "axis.width");
            String k = a.height() ? "KH" : "KW";
            String d = a.height() ? "DH" : "DW";
            String s = a.height() ? "H" : "W";
            String p = a.height() ? "PH" : "PW";
            lines.add(i18n.get("problem.axis", axis, a.span(), d, k, a.dilation(), a.kernel(),
                    a.padded(), s, p, a.size(), a.pad()));
        }
        lines.addAll(pr.other());
        return String.join("\n", lines);
    }

    private static boolean sameNumbers(ParamProblem.AxisProblem a, ParamProblem.AxisProblem b) {
        return a.size() == b.size() && a.pad() == b.pad() && a.kernel() == b.kernel() && a.dilation() == b.dilation();
    }

    /** The text of the fix link, or null when there is nothing to offer. */
    static String fix(ParamProblem pr, Params params, I18n i18n) {
        if (pr.axes().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (ParamProblem.AxisProblem a : pr.axes()) {
            if (a.fixPad() >= 0) {
                parts.add(i18n.get("problem.fix.pad", a.height() ? "PH" : "PW", a.fixPad()));
            } else {
                parts.add(i18n.get("problem.fix.kernel", a.height() ? "KH" : "KW", a.fixKernel()));
            }
        }
        return i18n.get("problem.fix", String.join(", ", parts));
    }
}
