package dev.unfold.app;

import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.InputPreset;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.OutputGradientPreset;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.model.WeightPreset;
import dev.unfold.app.model.Weights;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The window options that pick a view and set up the col2im and GEMM views, mixed into {@link AppOptions}, so
 * that {@code --screenshot} can render every view. Checked before the toolkit starts, like the others.
 */
public final class ViewOptions {

    @Option(names = "--view", paramLabel = "VIEW", description = "view to show: im2col, col2im or gemm")
    String view;

    @Option(names = "--input", paramLabel = "VALUES", description = "input values: ones, ramp, seed or random")
    String input;

    @Option(names = "--gradient", paramLabel = "G", description = "col2im gradient column: ones, random, ramp or conv")
    String gradient;

    @Option(names = "--heatmap", description = "col2im view: colour pixels by their window count")
    boolean heatMap;

    @Option(names = "--roundtrip", description = "col2im view: show col2im(im2col(x)) next to x")
    boolean roundTrip;

    @Option(names = "--weights", paramLabel = "W", description = "gemm view: identity, box-blur, edge-x, edge-y or random")
    String weights;

    @Option(names = "--out-channels", paramLabel = "OC", description = "gemm view: output channels")
    Integer outChannels;

    @Option(names = "--out-grad", paramLabel = "GY", description = "gemm view: output gradient ones, random or one-hot")
    String outputGradient;

    @Option(names = "--product", paramLabel = "P", description = "gemm view: forward, column-gradient or weight-gradient")
    String product;

    private ViewKind viewKind = ViewKind.IM2COL;
    private TraceOrder col2imOrder; // null: not given
    private InputPreset inputPreset;
    private GradientPreset gradientPreset;
    private WeightPreset weightPreset;
    private OutputGradientPreset outputGradientPreset;
    private Product productKind;

    /** Parses the values; {@code order} is the --order text, which the col2im view reads as tap or pixel. */
    void resolve(String order) throws AppOptions.BadOption {
        viewKind = parse("--view", view, ViewKind.class, ViewKind.IM2COL);
        if (order != null && viewKind == ViewKind.COL2IM) {
            col2imOrder = switch (order.toLowerCase(Locale.ROOT)) {
                case "tap" -> TraceOrder.COL2IM_BY_TAP;
                case "pixel" -> TraceOrder.COL2IM_BY_PIXEL;
                default -> throw new AppOptions.BadOption("unknown col2im order '" + order
                        + "' (expected tap or pixel)");
            };
        }
        if (order != null && viewKind == ViewKind.GEMM) {
            throw new AppOptions.BadOption("--order does not apply to the gemm view (use --product)");
        }
        inputPreset = parse("--input", input, InputPreset.class, null);
        gradientPreset = "conv".equalsIgnoreCase(gradient) ? GradientPreset.FROM_CONV
                : parse("--gradient", gradient, GradientPreset.class, null);
        weightPreset = parse("--weights", weights, WeightPreset.class, null);
        outputGradientPreset = parse("--out-grad", outputGradient, OutputGradientPreset.class, null);
        productKind = parse("--product", product, Product.class, null);
        if (outChannels != null && (outChannels < 1 || outChannels > Weights.MAX_OUT_CHANNELS)) {
            throw new AppOptions.BadOption("--out-channels " + outChannels + " is outside 1.."
                    + Weights.MAX_OUT_CHANNELS);
        }
    }

    /** An enum constant from its name written in lower case with dashes, or {@code absent} when not given. */
    private static <E extends Enum<E>> E parse(String option, String text, Class<E> type, E absent)
            throws AppOptions.BadOption {
        if (text == null) {
            return absent;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new AppOptions.BadOption("unknown " + option.substring(2) + " '" + text + "' (expected "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", ")) + ")");
    }

    public ViewKind view() {
        return viewKind;
    }

    /** Steps of the chosen view's animation for these numbers: what --step may go up to. */
    long length(Geometry g, Layout layout) {
        return switch (viewKind) {
            case IM2COL -> g.columnSize();
            case COL2IM -> Traces.of(g, layout, col2imOrder != null ? col2imOrder : TraceOrder.COL2IM_BY_TAP).length();
            case GEMM -> (long) g.columnSize() * (outChannels == null ? Weights.DEFAULT.outChannels() : outChannels);
        };
    }

    /**
     * Puts the chosen view and the settings given into the models, leaving the others as they are (remembered
     * from the last run, or the defaults); call before the first computation.
     */
    public void applyTo(MainModel model, BackwardModel backward) {
        if (inputPreset != null) {
            model.setInput(inputPreset);
        }
        if (col2imOrder != null) {
            backward.setOrder(col2imOrder);
        }
        if (gradientPreset != null) {
            backward.setGradient(gradientPreset);
        }
        if (heatMap) {
            backward.setHeatMap(true);
        }
        if (roundTrip) {
            backward.setRoundTrip(true);
        }
        if (weightPreset != null) {
            backward.setWeightPreset(weightPreset);
        }
        if (outChannels != null) {
            backward.setOutChannels(outChannels);
        }
        if (outputGradientPreset != null) {
            backward.setOutputGradient(outputGradientPreset);
        }
        if (productKind != null) {
            backward.setProduct(productKind);
        }
        model.setView(viewKind);
    }
}
