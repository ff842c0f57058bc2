package dev.unfold.cli;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import java.util.List;
import picocli.CommandLine.Option;

/** The convolution window and where to compute it, shared by {@code im2col} and {@code col2im}. */
final class WindowOptions {

    @Option(names = "--kernel", required = true, paramLabel = "KH[,KW]", converter = Pair.Converter.class,
            description = "Kernel height and width; one number means both.")
    Pair kernel;

    @Option(names = "--stride", paramLabel = "SH[,SW]", defaultValue = "1", converter = Pair.Converter.class,
            description = "Stride (default: ${DEFAULT-VALUE}).")
    Pair stride;

    @Option(names = "--pad", paramLabel = "PH[,PW]", defaultValue = "0", converter = Pair.Converter.class,
            description = "Zero padding on each side (default: ${DEFAULT-VALUE}).")
    Pair pad;

    @Option(names = "--dilation", paramLabel = "DH[,DW]", defaultValue = "1", converter = Pair.Converter.class,
            description = "Spacing between kernel taps (default: ${DEFAULT-VALUE}).")
    Pair dilation;

    @Option(names = "--layout", paramLabel = "rows|tensor|torch", defaultValue = "rows",
            converter = Choices.LayoutConverter.class,
            description = "Column layout: rows (N·OH·OW, C·KH·KW), tensor (N, C, KH, KW, OH, OW) "
                    + "or torch (N, C·KH·KW, OH·OW) (default: ${DEFAULT-VALUE}).")
    Layout layout;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            converter = Choices.BackendConverter.class,
            description = "Where to compute; auto takes CUDA when a device works (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    /** The geometry of this window over an (N, C, H, W) input, or every reason it has none. */
    Geometry over(int n, int c, int h, int w) {
        List<String> problems = Geometry.problems(n, c, h, w, kernel.height(), kernel.width(),
                stride.height(), stride.width(), pad.height(), pad.width(), dilation.height(), dilation.width());
        if (!problems.isEmpty()) {
            throw new CliError(String.join("; ", problems));
        }
        return new Geometry(n, c, h, w, kernel.height(), kernel.width(), stride.height(), stride.width(),
                pad.height(), pad.width(), dilation.height(), dilation.width());
    }

    /** The options as typed, for messages: {@code --kernel 3 --stride 2}. */
    String describe() {
        StringBuilder sb = new StringBuilder("--kernel ").append(kernel);
        if (stride.height() != 1 || stride.width() != 1) {
            sb.append(" --stride ").append(stride);
        }
        if (pad.height() != 0 || pad.width() != 0) {
            sb.append(" --pad ").append(pad);
        }
        if (dilation.height() != 1 || dilation.width() != 1) {
            sb.append(" --dilation ").append(dilation);
        }
        return sb.append(" --layout ").append(layout).toString();
    }
}
