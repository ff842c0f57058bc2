package dev.unfold.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.cpu.CpuBackend;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Backward passes against central differences in float64: for a scalar loss L = ⟨f(x), r⟩ with a random r,
 * the analytic gradient must match (L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h in every coordinate.
 */
class GradientCheckTest {

    private static final CpuBackend CPU = new CpuBackend(2);
    private static final double H = 1e-6;

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.small(1_500);
    }

    @Property(tries = 40)
    void im2colBackwardIsItsGradient(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        Im2Col op = new Im2Col(CPU, g, layout);
        double[] x = random(g.inputSize(), seed);
        double[] r = random(g.columnSize(), seed + 1);
        assertGradient(x, v -> dot(op.forward(v), r), op.backward(r));
    }

    @Property(tries = 40)
    void col2imBackwardIsItsGradient(@ForAll("geometries") Geometry g, @ForAll Layout layout, @ForAll long seed) {
        Col2Im op = new Col2Im(CPU, g, layout);
        double[] col = random(g.columnSize(), seed);
        double[] r = random(g.inputSize(), seed + 1);
        assertGradient(col, v -> dot(op.forward(v), r), op.backward(r));
    }

    @Property(tries = 40)
    void conv2dBackwardGivesTheGradientsOfInputWeightsAndBias(@ForAll("geometries") Geometry g,
                                                               @ForAll @IntRange(min = 1, max = 3) int outChannels,
                                                               @ForAll long seed) {
        Conv2d conv = new Conv2d(CPU, g, outChannels);
        double[] x = random(g.inputSize(), seed);
        double[] w = random(outChannels * g.patchSize(), seed + 1);
        double[] b = random(outChannels, seed + 2);
        double[] r = random(conv.outputSize(), seed + 3);
        conv.forward(x, w, b);
        Conv2d.Gradients grads = conv.backward(r);
        Conv2d probe = new Conv2d(CPU, g, outChannels);
        assertGradient(x, v -> dot(probe.forward(v, w, b), r), grads.input());
        assertGradient(w, v -> dot(probe.forward(x, v, b), r), grads.weight());
        assertGradient(b, v -> dot(probe.forward(x, w, v), r), grads.bias());
    }

    @Property(tries = 200)
    void conv2dForwardIsTheDirectSumOverTheWindow(@ForAll("geometries") Geometry g,
                                                  @ForAll @IntRange(min = 1, max = 4) int oc, @ForAll long seed) {
        double[] x = random(g.inputSize(), seed);
        double[] w = random(oc * g.patchSize(), seed + 1);
        double[] b = random(oc, seed + 2);
        Conv2d conv = new Conv2d(CPU, g, oc);
        double[] y = conv.forward(x, w, b);
        assertArrayEquals(new int[] {g.n(), oc, g.oh(), g.ow()}, conv.outputShape());
        assertArrayEquals(Reference.im2col(g, Layout.ROWS, x), conv.column(), "the column matrix it multiplied");
        int k = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < oc; o++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        double s = b[o];
                        for (int c = 0; c < g.c(); c++) {
                            for (int ky = 0; ky < g.kh(); ky++) {
                                for (int kx = 0; kx < g.kw(); kx++) {
                                    int iy = oy * g.sh() - g.ph() + ky * g.dh();
                                    int ix = ox * g.sw() - g.pw() + kx * g.dw();
                                    if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                        s += w[((o * g.c() + c) * g.kh() + ky) * g.kw() + kx]
                                                * x[((n * g.c() + c) * g.h() + iy) * g.w() + ix];
                                    }
                                }
                            }
                        }
                        assertEquals(s, y[k++], 1e-12 * (1 + Math.abs(s)) * g.patchSize(),
                                g + " y[" + n + "," + o + "," + oy + "," + ox + "]");
                    }
                }
            }
        }
    }

    @Test
    void aFailedForwardLeavesBackwardOnTheLastGoodOne() {
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 1, 0);
        Conv2d conv = new Conv2d(CPU, g, 1);
        double[] x = random(g.inputSize(), 1);
        double[] w = random(g.patchSize(), 2);
        conv.forward(x, w, null);
        double[] gy = random(conv.outputSize(), 3);
        Conv2d.Gradients before = conv.backward(gy);
        double[] otherWeights = random(g.patchSize(), 4);
        assertThrows(IllegalArgumentException.class, () -> conv.forward(new double[5], otherWeights, null));
        Conv2d.Gradients after = conv.backward(gy);
        assertArrayEquals(before.input(), after.input());
        assertArrayEquals(before.weight(), after.weight());
    }

    @Test
    void misuseIsAClearError() {
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 1, 0);
        Conv2d conv = new Conv2d(CPU, g, 2);
        assertThrows(IllegalStateException.class, () -> conv.backward(new double[conv.outputSize()]));
        assertThrows(IllegalStateException.class, conv::column);
        assertThrows(IllegalArgumentException.class, () -> conv.forward(new double[16], new double[3], null));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(CPU, g, 0));
    }

    /**
     * Each array is checked against its own size, by name: without the checks a weight of the wrong length is
     * refused only by the matrix product, in its words, while a bias or an output gradient that is too long is
     * used in part without a word.
     */
    @Test
    void wrongSizesNameTheArrayAndTheSizeItShouldHave() {
        Geometry g = Geometry.of(1, 2, 4, 4, 2, 1, 0); // 2·2·2 = 8 taps, 3×3 outputs
        Conv2d conv = new Conv2d(CPU, g, 2);
        double[] x = random(g.inputSize(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(x, new double[17], null));
        assertEquals("weight has 17 elements, expected 16", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(x, new double[16], new double[3]));
        assertEquals("bias has 3 elements, expected 2", e.getMessage());
        conv.forward(x, random(16, 2), random(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> conv.backward(new double[19]));
        assertEquals("output gradient has 19 elements, expected 18", e.getMessage());
    }

    @Test
    void outputChannelsAreRefusedWhereTheWeightsOrTheOutputPassTheArrayRange() {
        // the weights alone: one patch of 10⁵ taps
        Geometry wide = new Geometry(1, 1000, 10, 10, 10, 10, 1, 1, 0, 0, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(CPU, wide, 30_000));
        assertEquals("output channels OC = 30000 make the weights (3000000000) or the output (30000 elements)"
                + " larger than a Java array holds", e.getMessage());
        // the output alone: 10⁶ patches of one tap
        Geometry many = Geometry.of(1, 1, 1000, 1000, 1, 1, 0);
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(CPU, many, 3000));
        assertEquals("output channels OC = 3000 make the weights (3000) or the output (3000000000 elements)"
                + " larger than a Java array holds", e.getMessage());
        // as many as the largest array holds is allowed, for the weights and the output alike
        int most = (int) Geometry.MAX_ARRAY;
        Conv2d widest = new Conv2d(CPU, Geometry.of(1, 1, 1, 1, 1, 1, 0), most);
        assertEquals(most, widest.outChannels());
        assertArrayEquals(new int[] {1, most, 1, 1}, widest.outputShape());
    }

    @Test
    void theColumnMatrixGivenOutIsACopy() {
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 1, 0);
        Conv2d conv = new Conv2d(CPU, g, 1);
        double[] x = random(g.inputSize(), 1);
        double[] w = random(g.patchSize(), 2);
        conv.forward(x, w, null);
        double[] gy = random(conv.outputSize(), 3);
        Conv2d.Gradients before = conv.backward(gy);
        java.util.Arrays.fill(conv.column(), 99);
        assertArrayEquals(Reference.im2col(g, Layout.ROWS, x), conv.column());
        assertArrayEquals(before.weight(), conv.backward(gy).weight());
    }

    private static void assertGradient(double[] at, Function<double[], Double> loss, double[] analytic) {
        double[] numeric = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            double keep = at[i];
            at[i] = keep + H;
            double up = loss.apply(at);
            at[i] = keep - H;
            double down = loss.apply(at);
            at[i] = keep;
            numeric[i] = (up - down) / (2 * H);
        }
        double scale = 1;
        for (double v : analytic) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(numeric, analytic, 1e-6 * scale);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }
}
