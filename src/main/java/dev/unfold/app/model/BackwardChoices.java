package dev.unfold.app.model;

import dev.unfold.core.trace.TraceOrder;

/**
 * What the col2im and GEMM views remember between runs: every choice made with their own controls. Weights
 * typed into W by hand are not among them; they belong to one lesson, the preset they started from does.
 */
public record BackwardChoices(TraceOrder order, GradientPreset gradient, boolean heatMap, boolean roundTrip,
                              int outChannels, WeightPreset weights, OutputGradientPreset outputGradient,
                              Product product) {

    public BackwardChoices {
        if (order.im2col()) {
            throw new IllegalArgumentException("the col2im view animates col2im orders, not " + order);
        }
        if (outChannels < 1 || outChannels > Weights.MAX_OUT_CHANNELS) {
            throw new IllegalArgumentException("output channels must be 1.." + Weights.MAX_OUT_CHANNELS
                    + ", got " + outChannels);
        }
    }

    public static BackwardChoices defaults() {
        return new BackwardChoices(TraceOrder.COL2IM_BY_TAP, GradientPreset.ONES, false, false,
                Weights.DEFAULT.outChannels(), Weights.DEFAULT.preset(), OutputGradientPreset.ONES, Product.FORWARD);
    }
}
