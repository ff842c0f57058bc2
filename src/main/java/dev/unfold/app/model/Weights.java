package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.HashMap;
import java.util.Map;

/**
 * The convolution's weights as the user set them: OC, a preset, and values typed into single cells of W or of
 * the bias. Edits are kept by (oc, c, ky, kx), so they survive parameter changes that keep their tap.
 */
public record Weights(int outChannels, WeightPreset preset, Map<Tap, Double> edits, Map<Integer, Double> biasEdits) {

    public static final int MAX_OUT_CHANNELS = 8;

    /** One weight: output channel, input channel, kernel row and column. */
    public record Tap(int oc, int c, int ky, int kx) {
    }

    public static final Weights DEFAULT = new Weights(1, WeightPreset.BOX_BLUR, Map.of(), Map.of());

    public Weights {
        if (outChannels < 1 || outChannels > MAX_OUT_CHANNELS) {
            throw new IllegalArgumentException("output channels must lie in 1.." + MAX_OUT_CHANNELS
                    + ", got " + outChannels);
        }
        edits = Map.copyOf(edits);
        biasEdits = Map.copyOf(biasEdits);
    }

    /** W as (OC, C·KH·KW). */
    public double[] weight(Geometry g) {
        double[] w = preset.fill(g, outChannels);
        int k = g.patchSize();
        edits.forEach((t, v) -> {
            if (t.oc() < outChannels && t.c() < g.c() && t.ky() < g.kh() && t.kx() < g.kw()) {
                w[t.oc() * k + (t.c() * g.kh() + t.ky()) * g.kw() + t.kx()] = v;
            }
        });
        return w;
    }

    /** The bias (OC): zero unless edited. */
    public double[] bias() {
        double[] b = new double[outChannels];
        biasEdits.forEach((oc, v) -> {
            if (oc < outChannels) {
                b[oc] = v;
            }
        });
        return b;
    }

    public Weights withOutChannels(int oc) {
        return new Weights(oc, preset, edits, biasEdits);
    }

    /** A new preset clears the edits: they were changes to the old one. */
    public Weights withPreset(WeightPreset p) {
        return new Weights(outChannels, p, Map.of(), Map.of());
    }

    public Weights withWeight(Tap t, double v) {
        finite(v);
        Map<Tap, Double> m = new HashMap<>(edits);
        m.put(t, v);
        return new Weights(outChannels, preset, m, biasEdits);
    }

    public Weights withBias(int oc, double v) {
        finite(v);
        Map<Integer, Double> m = new HashMap<>(biasEdits);
        m.put(oc, v);
        return new Weights(outChannels, preset, edits, m);
    }

    private static void finite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a weight must be a finite number, got " + v);
        }
    }
}
