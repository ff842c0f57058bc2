package dev.unfold.cuda;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Geometries for the CUDA kernel tests: the core's random ones, and some with many channels. */
final class CudaGeometries {
    private CudaGeometries() {
    }

    /**
     * {@link Geometries#small}, one in five widened to 17 up to {@code maxChannels} channels, so that the
     * kernels' launches take many blocks; at most {@code maxColumn} column elements either way.
     */
    static Arbitrary<Geometry> geometries(int maxColumn, int maxChannels) {
        Arbitrary<Geometry> wide = Combinators.combine(Geometries.small(maxColumn / maxChannels),
                        Arbitraries.integers().between(17, maxChannels))
                .as((g, c) -> g.withInput(g.n(), c, g.h(), g.w()));
        return Arbitraries.frequencyOf(Tuple.of(4, Geometries.small(maxColumn)), Tuple.of(1, wide));
    }

    /** A NaN no input holds in practice: an output element still holding it was never written. */
    static final int UNWRITTEN_FLOAT = 0x7fc0_dead;
    static final long UNWRITTEN_DOUBLE = 0x7ff8_dead_dead_deadL;

    static float[] unwrittenFloats(int length) {
        float[] a = new float[length];
        java.util.Arrays.fill(a, Float.intBitsToFloat(UNWRITTEN_FLOAT));
        return a;
    }

    static double[] unwrittenDoubles(int length) {
        double[] a = new double[length];
        java.util.Arrays.fill(a, Double.longBitsToDouble(UNWRITTEN_DOUBLE));
        return a;
    }
}
