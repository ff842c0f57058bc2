package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.cpu.CpuBackend;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackwardModelTest {

    private static final CpuBackend CPU = new CpuBackend(1);

    private ModelHarness h;
    private BackwardModel b;

    private void open(Params p, Layout layout) throws InterruptedException {
        h = new ModelHarness(Settings.defaults().withParams(p).withLayout(layout));
        b = new BackwardModel(h.model, new BackwardComputer(h.backends), h.inbox::add);
        h.start();
    }

    @AfterEach
    void close() {
        if (b != null) {
            b.close();
            b = null;
        }
        if (h != null) {
            h.close();
            h = null;
        }
    }

    /** Runs delivered callbacks until neither model has a computation pending. */
    private void settle() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            h.settle();
            Runnable r = h.inbox.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("backward model did not settle in 30 s");
            }
        } while (b.computingProperty().get() || h.model.computingProperty().get() || !h.inbox.isEmpty());
    }

    private void show(ViewKind v) throws InterruptedException {
        h.model.setView(v);
        settle();
    }

    /** y straight from the definition of a convolution, one output at a time. */
    private static double[] convolve(Geometry g, double[] x, double[] w, double[] bias) {
        int oc = bias.length;
        double[] y = new double[g.n() * oc * g.oh() * g.ow()];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < oc; o++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        double s = bias[o];
                        for (int c = 0; c < g.c(); c++) {
                            for (int ky = 0; ky < g.kh(); ky++) {
                                for (int kx = 0; kx < g.kw(); kx++) {
                                    int iy = oy * g.sh() - g.ph() + ky * g.dh();
                                    int ix = ox * g.sw() - g.pw() + kx * g.dw();
                                    if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                        s += w[o * g.patchSize() + (c * g.kh() + ky) * g.kw() + kx]
                                                * x[((n * g.c() + c) * g.h() + iy) * g.w() + ix];
                                    }
                                }
                            }
                        }
                        y[((n * oc + o) * g.oh() + oy) * g.ow() + ox] = s;
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9 * (1 + Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    @Test
    void choicesComeBackAsChosenAndTypedWeightsAreDropped() throws Exception {
        open(Params.SEED, Layout.ROWS);
        show(ViewKind.GEMM);
        b.editWeight(0, 0, 5);
        assertFalse(b.weights().edits().isEmpty());
        BackwardChoices c = new BackwardChoices(TraceOrder.COL2IM_BY_PIXEL, GradientPreset.RAMP, true, false, 2,
                WeightPreset.IDENTITY, OutputGradientPreset.RANDOM, Product.COLUMN_GRADIENT);
        b.choose(c);
        settle();
        assertEquals(c, b.choices());
        assertTrue(b.weights().edits().isEmpty(), "weights typed by hand are not part of the choices");
        assertEquals(2, b.frame().weight().length / b.frame().geometry().patchSize(), "the frame has OC = 2");
        b.choose(BackwardChoices.defaults());
        assertEquals(BackwardChoices.defaults(), b.choices());
    }

    @Test
    void theAnimationEndsOnTheCoresCol2imForEveryPresetOrderAndLayout() throws Exception {
        Params p = new Params(2, 2, 5, 6, 3, 2, 2, 1, 1, 2, 1, 2);
        for (Layout layout : Layout.values()) {
            open(p, layout);
            show(ViewKind.COL2IM);
            for (TraceOrder order : new TraceOrder[] {TraceOrder.COL2IM_BY_TAP, TraceOrder.COL2IM_BY_PIXEL}) {
                b.setOrder(order);
                for (GradientPreset gp : GradientPreset.values()) {
                    b.setGradient(gp);
                    settle();
                    BackwardFrame f = b.frame();
                    Geometry g = f.geometry();
                    assertEquals(order, f.order());
                    assertEquals(f.trace().length(), h.model.lengthProperty().get());
                    h.model.seek(h.model.lengthProperty().get());
                    double[] shown = b.col2imState().inner();
                    double[] core = CPU.col2im(g, layout, f.gradColumn());
                    assertArrayEquals(core, shown, layout + " " + order + " " + gp);
                    assertArrayEquals(f.col2im(), shown);
                    assertClose(Reference.col2im(g, layout, f.gradColumn()), shown, "reference");
                    if (gp == GradientPreset.FROM_CONV) { // the same as the convolution's own backward gx
                        Conv2d conv = new Conv2d(CPU, g, f.outChannels());
                        conv.forward(f.input(), f.weight(), f.bias());
                        Conv2d.Gradients grads = conv.backward(f.outputGrad());
                        assertArrayEquals(grads.input(), shown, "Conv2d backward gx");
                        assertArrayEquals(grads.input(), f.gradients().input());
                    }
                    if (gp == GradientPreset.ONES) { // ones accumulate to the window counts
                        int[] counts = Reference.windowCounts(g);
                        for (int i = 0; i < counts.length; i++) {
                            assertEquals(counts[i], shown[i]);
                        }
                    }
                }
            }
            close();
        }
    }

    @Test
    void stepBackUndoesAStepExactly() throws Exception {
        open(new Params(1, 2, 6, 5, 3, 3, 1, 2, 1, 1, 1, 1), Layout.ROWS);
        b.setWeightPreset(WeightPreset.BOX_BLUR); // 1/9: sums that are not exact in binary
        b.setOutputGradient(OutputGradientPreset.RANDOM);
        b.setGradient(GradientPreset.FROM_CONV);
        show(ViewKind.COL2IM);
        BackwardFrame f = b.frame();
        double[] scratch = new double[f.geometry().inputSize()];
        for (long p = f.col2imLength() - 1; p > 0; p -= 7) {
            h.model.seek(p);
            double[] at = b.col2imState().inner();
            int[] counts = b.col2imState().innerCounts();
            h.model.stepForward();
            h.model.stepBack();
            assertArrayEquals(at, b.col2imState().inner(), "forward then back at " + p);
            assertArrayEquals(counts, b.col2imState().innerCounts());
            h.model.stepBack();
            f.trace().replayCol2im(f.gradColumn(), scratch, p - 1);
            assertArrayEquals(scratch, b.col2imState().inner(), "back from " + p);
            assertEquals(p == 1 ? null : f.trace().move(p - 2), b.col2imMove());
        }
    }

    @Test
    void heatMapCountsAreTheWindowCounts() throws Exception {
        for (Params p : new Params[] {Params.SEED, new Params(1, 1, 7, 9, 3, 2, 2, 3, 1, 0, 1, 2),
                new Params(1, 1, 4, 4, 2, 2, 3, 3, 0, 0, 1, 1)}) {
            open(p, Layout.ROWS);
            show(ViewKind.COL2IM);
            BackwardFrame f = b.frame();
            Geometry g = f.geometry();
            int[] brute = Reference.windowCounts(g);
            for (int y = 0; y < g.h(); y++) {
                for (int x = 0; x < g.w(); x++) {
                    assertEquals(g.yAxis().windowCount(y) * g.xAxis().windowCount(x), f.windowCount(y, x));
                    assertEquals(brute[y * g.w() + x], f.windowCount(y, x));
                }
            }
            close();
        }
    }

    @Test
    void theRoundTripIsCountTimesXAndDividingByTheCountRecoversIt() throws Exception {
        open(new Params(1, 1, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1), Layout.ROWS); // the seed's k2 s1 p0: counts 1, 2, 4
        show(ViewKind.COL2IM);
        BackwardFrame f = b.frame();
        assertArrayEquals(new double[] {1, 4, 6, 4, 10, 24, 28, 16, 18, 40, 44, 24, 13, 28, 30, 16}, f.roundTrip(),
                "the notebook's restored array");
        double[] x = f.input();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], f.roundTrip()[i] / f.windowCount(i / 4, i % 4));
        }
        assertNotEquals(x[0], f.roundTrip()[0] / 4, "dividing by 4 is wrong at a corner");
    }

    @Test
    void editingAnInputCellUpdatesTheColumnMatrixAndTheOutput() throws Exception {
        open(Params.SEED, Layout.ROWS);
        show(ViewKind.GEMM);
        double[] before = b.frame().output().clone();
        h.model.editInput(0, 0, 1, 2, 100);
        settle();
        Frame f = h.model.frame();
        Geometry g = f.geometry();
        assertEquals(100, f.inputValue(0, 0, 1, 2));
        assertArrayEquals(Reference.im2col(g, Layout.ROWS, f.input()), f.column());
        assertTrue(java.util.Arrays.stream(f.column()).anyMatch(v -> v == 100), "the edit reaches the column matrix");
        BackwardFrame bf = b.frame();
        assertArrayEquals(f.input(), bf.input());
        assertArrayEquals(f.column(), bf.column());
        assertClose(convolve(g, f.input(), bf.weight(), bf.bias()), bf.output(), "y after the edit");
        assertNotEquals(before[(1 + 1) * g.ow() + 2 + 1], bf.output()[(1 + 1) * g.ow() + 2 + 1]);
        h.model.setParams(h.model.params().with(ParamKey.H, 5).with(ParamKey.W, 5));
        settle();
        assertEquals(100, h.model.frame().inputValue(0, 0, 1, 2), "an edit survives a size change that keeps its cell");
        h.model.setInput(InputPreset.ONES);
        settle();
        assertEquals(1, h.model.frame().inputValue(0, 0, 1, 2), "a preset starts again without edits");
        assertThrows(IllegalArgumentException.class, () -> h.model.editInput(0, 0, 0, 0, Double.NaN));
    }

    @Test
    void theProductsAreTheConvolutionsForwardAndBackward() throws Exception {
        Params p = new Params(2, 2, 5, 4, 3, 2, 1, 2, 1, 1, 1, 1);
        open(p, Layout.ROWS);
        b.setOutChannels(3);
        b.setWeightPreset(WeightPreset.RANDOM);
        b.editBias(1, 0.5);
        b.setOutputGradient(OutputGradientPreset.RANDOM);
        show(ViewKind.GEMM);
        BackwardFrame f = b.frame();
        Geometry g = f.geometry();
        assertEquals(3, f.outChannels());
        assertClose(convolve(g, f.input(), f.weight(), f.bias()), f.output(), "y");
        for (Product pr : Product.values()) {
            b.setProduct(pr);
            assertEquals(pr.length(f), h.model.lengthProperty().get());
            for (int i = 0; i < pr.m(f); i++) {
                for (int j = 0; j < pr.n(f); j++) {
                    double dot = pr.partial(f, i, j, pr.k(f)) + pr.bias(f, j);
                    assertEquals(pr.c(f, i, j), dot, 1e-9 * (1 + Math.abs(dot)), pr + " " + i + "," + j);
                }
            }
            // the animation: nothing before an element's first term, the partial sum during, the core's value after
            int i = pr.m(f) - 1;
            int j = pr.n(f) / 2;
            b.seekProductElement(i, j);
            Product.Step s = b.productStep();
            assertEquals(new Product.Step(i, j, 0, pr.k(f)), s);
            assertEquals(0.0 + pr.a(f, i, 0) * pr.b(f, 0, j), b.productValue(i, j));
            h.model.stepBack();
            assertTrue(Double.isNaN(b.productValue(i, j)));
            h.model.seek(((long) i * pr.n(f) + j + 1) * pr.k(f));
            assertEquals(pr.c(f, i, j), b.productValue(i, j));
            assertTrue(b.productStep().last());
        }
        // gW, gcol and gx from their definitions
        int rows = f.rows();
        int k = f.taps();
        double[] gw = new double[3 * k];
        double[] gcol = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < 3; o++) {
                for (int t = 0; t < k; t++) {
                    gw[o * k + t] += f.gy(r, o) * f.col(r, t);
                    gcol[r * k + t] += f.gy(r, o) * f.w(o, t);
                }
            }
        }
        assertClose(gw, f.gradients().weight(), "gW");
        assertClose(gcol, f.gradients().column(), "gcol");
        assertClose(Reference.col2im(g, Layout.ROWS, gcol), f.gradients().input(), "gx");
    }

    @Test
    void eachViewKeepsItsPositionAndTheTransportPlaysTheShownOne() throws Exception {
        open(Params.SEED, Layout.ROWS);
        long im2colLength = h.model.lengthProperty().get();
        h.model.seek(7);
        show(ViewKind.COL2IM);
        assertEquals(b.frame().col2imLength(), h.model.lengthProperty().get());
        assertEquals(h.model.lengthProperty().get(), h.model.position(), "a view seen for the first time is finished");
        h.model.seek(3);
        b.setOrder(TraceOrder.COL2IM_BY_PIXEL);
        settle();
        assertEquals(3, h.model.position(), "a new order keeps the place");
        assertEquals(Geometry.of(1, 1, 4, 4, 2, 2, 1).inputSize() * 4, h.model.lengthProperty().get(),
                "by pixel: 4 windows for each of the 16 pixels");
        show(ViewKind.GEMM);
        assertEquals(Product.FORWARD.length(b.frame()), h.model.lengthProperty().get());
        h.model.seek(2);
        show(ViewKind.IM2COL);
        assertEquals(7, h.model.position());
        assertEquals(im2colLength, h.model.lengthProperty().get());
        assertEquals(h.model.frame().trace().move(6), h.model.currentMove());
        show(ViewKind.COL2IM);
        assertEquals(3, h.model.position());
        h.model.set(ParamKey.KH, 3); // a new im2col frame while another view is shown
        settle();
        assertEquals(b.frame().col2imLength(), h.model.lengthProperty().get());
        assertEquals(3, h.model.position());
        show(ViewKind.IM2COL);
        assertEquals(7, h.model.position(), "the im2col view's place survived its recomputation");
        assertThrows(IllegalArgumentException.class, () -> b.setOrder(TraceOrder.IM2COL_BY_TAP));
    }

    @Test
    void nothingIsComputedForTheseViewsWhileTheIm2colViewIsShown() throws Exception {
        open(Params.SEED, Layout.ROWS);
        b.setGradient(GradientPreset.RAMP);
        settle();
        assertNull(b.frame());
        show(ViewKind.COL2IM);
        assertEquals(GradientPreset.RAMP, b.frame().gradientPreset());
        assertTrue(b.ready());
    }
}
