package dev.unfold.cli;

import dev.unfold.core.Backend;
import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import picocli.CommandLine.Command;

@Command(name = "im2col", header = "Cut images into patches: the column matrix of a convolution.",
        mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        description = {"Cuts an image batch into patches: IN (H,W), (C,H,W) or (N,C,H,W) becomes the column "
                + "matrix in the chosen layout.", ""},
        footer = {"", "Example: unfold im2col digits.npy cols.npy --kernel 3 --pad 1 --layout torch"})
final class Im2colCommand extends ArrayCommand {

    @Override
    Plan plan(Npy.Header header) {
        int[] s = header.shape();
        if (s.length >= 2 && s.length <= 4 && java.util.Arrays.stream(s).anyMatch(d -> d == 0)) {
            throw new CliError(in + ": has shape " + NdArray.formatShape(s) + ", no elements; im2col needs at "
                    + "least one image, channel, row and column");
        }
        Geometry g = switch (s.length) {
            case 2 -> window.over(1, 1, s[0], s[1]);
            case 3 -> window.over(1, s[0], s[1], s[2]);
            case 4 -> window.over(s[0], s[1], s[2], s[3]);
            default -> throw new CliError(in + ": has shape " + NdArray.formatShape(s) + " with " + s.length
                    + (s.length == 1 ? " dimension" : " dimensions") + "; im2col takes (H, W), (C, H, W) or (N, C, H, W)");
        };
        return new Plan(g, window.layout.shape(g));
    }

    @Override
    NdArray compute(Backend backend, Plan plan, NdArray input) {
        Geometry g = plan.geometry();
        if (input.dtype() == DType.FLOAT32) {
            float[] column = new float[g.columnSize()];
            backend.im2col(g, window.layout, input.floats(), column);
            return NdArray.of(column, plan.outputShape());
        }
        double[] column = new double[g.columnSize()];
        backend.im2col(g, window.layout, input.doubles(), column);
        return NdArray.of(column, plan.outputShape());
    }
}
