package dev.unfold.cli;

import dev.unfold.core.Backend;
import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "col2im", header = "Fold a column matrix back onto the image, summing overlaps.",
        mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false,
        description = {"Folds a column matrix back onto the image, summing where windows overlap "
                + "(the adjoint of im2col). IN must have the layout's shape for --shape and the window.", ""},
        footer = {"", "Example: unfold col2im cols.npy grad.npy --shape 1,1,28,28 --kernel 3 --pad 1 --layout torch"})
final class Col2imCommand extends ArrayCommand {

    @Option(names = "--shape", required = true, paramLabel = "N,C,H,W", converter = ShapeConverter.class,
            description = "Shape of the image to fold back into; H,W and C,H,W also work and give an output "
                    + "with that many dimensions.")
    ImageShape shape;

    /** Wrapped so that picocli takes the whole N,C,H,W as one value, not an int[] option repeated. */
    record ImageShape(int[] dims) {
    }

    @Override
    Plan plan(Npy.Header header) {
        int[] s = shape.dims();
        Geometry g = switch (s.length) {
            case 2 -> window.over(1, 1, s[0], s[1]);
            case 3 -> window.over(1, s[0], s[1], s[2]);
            default -> window.over(s[0], s[1], s[2], s[3]);
        };
        int[] expected = window.layout.shape(g);
        if (!Arrays.equals(header.shape(), expected)) {
            throw new CliError(in + ": has shape " + NdArray.formatShape(header.shape()) + " but col2im --shape "
                    + String.join(",", Arrays.stream(s).mapToObj(Integer::toString).toList()) + " "
                    + window.describe() + " expects " + NdArray.formatShape(expected));
        }
        return new Plan(g, s);
    }

    @Override
    NdArray compute(Backend backend, Plan plan, NdArray input) {
        Geometry g = plan.geometry();
        if (input.dtype() == DType.FLOAT32) {
            float[] image = new float[g.inputSize()];
            backend.col2im(g, window.layout, input.floats(), image);
            return NdArray.of(image, plan.outputShape());
        }
        double[] image = new double[g.inputSize()];
        backend.col2im(g, window.layout, input.doubles(), image);
        return NdArray.of(image, plan.outputShape());
    }

    static final class ShapeConverter implements ITypeConverter<ImageShape> {
        @Override
        public ImageShape convert(String text) {
            int[] v = Numbers.parse(text, "a shape like N,C,H,W");
            if (v.length < 2 || v.length > 4) {
                throw new TypeConversionException("'" + text + "' has " + v.length
                        + (v.length == 1 ? " number" : " numbers") + "; give N,C,H,W (or C,H,W or H,W)");
            }
            if (java.util.Arrays.stream(v).anyMatch(d -> d < 1)) {
                throw new TypeConversionException("'" + text + "': every size of the image must be at least 1");
            }
            return new ImageShape(v);
        }
    }
}
