package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The general loops, called directly on ordinary geometries and checked against the definition.
 *
 * <p>The plan picks them only for far-out padding and stride, where nearly every tap reads padding: through the
 * backend they fill zeros and copy the odd element at offsets that are all zero (no padding, output 0), so
 * their index arithmetic went unchecked (mutation testing: wrong source offsets and bounds survived, and ROWS
 * im2col's general loop never read an input element). They are correct for any geometry, so here they get the
 * ordinary ones, with the units split at a random point as the threads split them.
 */
class GeneralLoopsTest {

    @Provide
    Arbitrary<Geometry> geometries() {
        return Geometries.small(20_000);
    }

    @Property(tries = 150)
    void generalLoopsFollowTheDefinition(@ForAll("geometries") Geometry g, @ForAll long seed) {
        LoopPlan plan = new LoopPlan(g);
        Random r = new Random(seed);
        double[] x = r.doubles(g.inputSize(), -1, 1).toArray();
        double[] col = r.doubles(g.columnSize(), -1, 1).toArray();
        float[] xf = toFloat(x);
        float[] colf = toFloat(col);
        int planes = g.n() * g.c();
        int bands = g.n() * g.oh();
        int images = g.n();

        double[] tensor = filled(g.columnSize(), Double.NaN);
        split(planes, r, (from, to) -> DoubleKernels.im2colTapMajorGeneral(g, plan, x, tensor, from, to));
        assertArrayEquals(Reference.im2col(g, Layout.TENSOR, x), tensor, "im2colTapMajorGeneral " + g);
        float[] tensorf = filledf(g.columnSize(), Float.NaN);
        split(planes, r, (from, to) -> FloatKernels.im2colTapMajorGeneral(g, plan, xf, tensorf, from, to));
        assertArrayEquals(Reference.im2col(g, Layout.TENSOR, xf), tensorf, "float im2colTapMajorGeneral " + g);

        double[] rows = filled(g.columnSize(), Double.NaN);
        split(bands, r, (from, to) -> DoubleKernels.im2colPatchMajorGeneral(g, plan, x, rows, from, to));
        assertArrayEquals(Reference.im2col(g, Layout.ROWS, x), rows, "im2colPatchMajorGeneral " + g);
        float[] rowsf = filledf(g.columnSize(), Float.NaN);
        split(bands, r, (from, to) -> FloatKernels.im2colPatchMajorGeneral(g, plan, xf, rowsf, from, to));
        assertArrayEquals(Reference.im2col(g, Layout.ROWS, xf), rowsf, "float im2colPatchMajorGeneral " + g);

        // col2im overwrites what the buffer held, and sums bit for bit as the definition does
        double[] fromTensor = filled(g.inputSize(), 7);
        split(planes, r, (from, to) -> DoubleKernels.col2imTapMajorGeneral(g, plan, col, fromTensor, from, to));
        assertArrayEquals(Reference.col2im(g, Layout.TENSOR, col), fromTensor, "col2imTapMajorGeneral " + g);
        float[] fromTensorf = filledf(g.inputSize(), 7);
        split(planes, r, (from, to) -> FloatKernels.col2imTapMajorGeneral(g, plan, colf, fromTensorf, from, to));
        assertArrayEquals(Reference.col2im(g, Layout.TENSOR, colf), fromTensorf, "float col2imTapMajorGeneral " + g);

        double[] fromRows = filled(g.inputSize(), 7);
        split(images, r, (from, to) -> DoubleKernels.col2imPatchMajorGeneral(g, plan, col, fromRows, from, to));
        assertArrayEquals(Reference.col2im(g, Layout.ROWS, col), fromRows, "col2imPatchMajorGeneral " + g);
        float[] fromRowsf = filledf(g.inputSize(), 7);
        split(images, r, (from, to) -> FloatKernels.col2imPatchMajorGeneral(g, plan, colf, fromRowsf, from, to));
        assertArrayEquals(Reference.col2im(g, Layout.ROWS, colf), fromRowsf, "float col2imPatchMajorGeneral " + g);
    }

    /** Units [0, units) in two calls, [0, cut) and [cut, units), as two threads would run them. */
    private static void split(int units, Random r, WorkSplitter.UnitRange loop) {
        int cut = r.nextInt(units + 1);
        loop.run(0, cut);
        loop.run(cut, units);
    }

    private static double[] filled(int size, double value) {
        double[] a = new double[size];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] filledf(int size, float value) {
        float[] a = new float[size];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
