package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.cpu.CpuBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MainModelTest {

    private static Settings with(Params p, TraceOrder o, Layout l) {
        return Settings.defaults().withParams(p).withOrder(o).withLayout(l);
    }

    /** The slow, obvious definition: element (row, tap) of the column matrix. */
    private static double reference(Geometry g, double[] x, int row, int tap) {
        int ohw = g.oh() * g.ow();
        int n = row / ohw;
        int oy = row % ohw / g.ow();
        int ox = row % g.ow();
        int c = tap / (g.kh() * g.kw());
        int ky = tap % (g.kh() * g.kw()) / g.kw();
        int kx = tap % g.kw();
        int iy = oy * g.sh() - g.ph() + ky * g.dh();
        int ix = ox * g.sw() - g.pw() + kx * g.dw();
        if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) {
            return 0;
        }
        return x[((n * g.c() + c) * g.h() + iy) * g.w() + ix];
    }

    @Test
    void frameHoldsTheBackendsColumnInEveryLayoutAndOrder() throws Exception {
        Params p = new Params(2, 3, 5, 6, 3, 2, 2, 1, 1, 2, 1, 2);
        for (Layout l : Layout.values()) {
            for (TraceOrder o : new TraceOrder[] {TraceOrder.IM2COL_BY_PATCH, TraceOrder.IM2COL_BY_TAP,
                    TraceOrder.IM2COL_BY_THREAD}) {
                try (ModelHarness h = new ModelHarness(with(p, o, l))) {
                    h.start();
                    Frame f = h.model.frame();
                    Geometry g = p.geometry();
                    assertArrayEquals(new CpuBackend(1).im2col(g, l, InputSource.RAMP.fill(g)), f.column());
                    for (int row = 0; row < g.patchCount(); row++) {
                        for (int tap = 0; tap < g.patchSize(); tap++) {
                            assertEquals(reference(g, f.input(), row, tap), f.value(row, tap), l + " " + o);
                        }
                    }
                    // the trace writes every cell exactly once, at the step the frame records
                    boolean[] seen = new boolean[g.columnSize()];
                    for (long s = 0; s < f.length(); s++) {
                        Move m = f.trace().move(s);
                        int cell = f.cell(m.row(), m.tap());
                        assertFalse(seen[cell]);
                        seen[cell] = true;
                        assertEquals(s, f.stepOfCell()[cell]);
                        assertEquals(m.padding(), f.padding(m.row(), m.tap()));
                    }
                }
            }
        }
    }

    /** A drag is one step back; typed changes apart in time are steps of their own; a new change ends redo. */
    @Test
    void parameterChangesAreUndoneAndRedoneAStepAtATime() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            long[] now = {0};
            m.useClock(() -> now[0]);
            Params start = m.params();
            assertFalse(m.canUndoParamsProperty().get());
            for (int k = 3; k <= 4; k++) { // a drag of the kernel slider: 3, then 4, 0.1 s apart
                m.set(ParamKey.KH, k);
                now[0] += 100_000_000L;
            }
            Params dragged = m.params();
            assertEquals(4, dragged.get(ParamKey.KH));
            now[0] += 2_000_000_000L;
            m.set(ParamKey.SH, 2);
            Params strided = m.params();
            assertTrue(m.canUndoParamsProperty().get());
            m.undoParams();
            assertEquals(dragged, m.params(), "the stride change undone");
            m.undoParams();
            assertEquals(start, m.params(), "the whole drag undone at once");
            assertFalse(m.canUndoParamsProperty().get());
            m.undoParams();
            assertEquals(start, m.params(), "nothing further back");
            m.redoParams();
            assertEquals(dragged, m.params());
            m.redoParams();
            assertEquals(strided, m.params());
            assertFalse(m.canRedoParamsProperty().get());
            m.undoParams();
            m.set(ParamKey.PH, 0); // right after an undo, but a step of its own, and the redo is gone
            assertFalse(m.canRedoParamsProperty().get());
            m.undoParams();
            assertEquals(dragged, m.params());
            h.settle();
            assertEquals(new Geometry(1, 1, 4, 4, 4, 4, 1, 1, 1, 1, 1, 1), m.frame().geometry(),
                    "the frame follows an undo");
        }
    }

    @Test
    void stepsPlaysAndSeeksWithinTheTrace() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            assertEquals(100, m.lengthProperty().get()); // seed 4×4, k2 s1 p1: 25 × 4
            assertEquals(100, m.position()); // a fresh window shows the finished matrix
            m.seek(0);
            assertNull(m.currentMove());
            m.stepForward();
            assertEquals(1, m.position());
            assertEquals(m.frame().trace().move(0), m.currentMove());
            m.stepBack();
            m.stepBack();
            assertEquals(0, m.position());
            m.setSpeed(10);
            m.play();
            assertTrue(m.playingProperty().get());
            m.tick(0.35); // 3.5 steps: three whole ones now, the half carried over
            assertEquals(3, m.position());
            m.tick(0.05);
            assertEquals(4, m.position());
            m.tick(100);
            assertEquals(100, m.position());
            assertFalse(m.playingProperty().get(), "playback stops at the end");
            m.play();
            assertEquals(0, m.position(), "play at the end starts again");
            m.seek(1_000_000);
            assertEquals(100, m.position());
        }
    }

    @Test
    void invalidParametersExplainThemselvesAndKeepTheLastFrame() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            Frame before = m.frame();
            m.set(ParamKey.KH, 9); // kernel linked: 9×9 window over a 6×6 padded input
            h.settle();
            ParamProblem pr = m.problem();
            assertNotNull(pr);
            assertEquals(2, pr.axes().size());
            assertEquals(9, pr.axes().get(0).span());
            assertEquals(6, pr.axes().get(0).padded());
            assertEquals(3, pr.axes().get(0).fixPad(), "4 + 2·3 = 10 ≥ 9");
            assertEquals(before, m.frame());
            m.play();
            assertFalse(m.playingProperty().get(), "nothing to play while invalid");
            m.fixProblem();
            h.settle();
            assertNull(m.problem());
            assertEquals(3, m.params().ph());
            assertEquals(9, m.frame().geometry().kh());
        }
    }

    @Test
    void linkedPairsMoveTogetherAndUnlinkWhenTheyDiffer() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            m.set(ParamKey.SW, 2);
            assertEquals(2, m.params().sh());
            m.setLinked(Pair.STRIDE, false);
            m.set(ParamKey.SW, 1);
            assertEquals(2, m.params().sh());
            assertEquals(1, m.params().sw());
            m.setLinked(Pair.STRIDE, true);
            assertEquals(2, m.params().sw(), "linking copies the height value");
            m.setParams(m.params().with(ParamKey.KW, 3));
            assertFalse(m.linkedProperty(Pair.KERNEL).get());
            m.set(ParamKey.C, 99);
            assertEquals(ParamKey.C.max(), m.params().c(), "clamped to the slider");
        }
    }

    @Test
    void sliderStormEndsOnTheLastParameters() throws Exception {
        Random rnd = new Random(4);
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            m.setSpeed(MainModel.MAX_SPEED);
            m.play();
            ParamKey[] keys = ParamKey.values();
            for (int i = 0; i < 400; i++) {
                ParamKey k = keys[rnd.nextInt(keys.length)];
                m.set(k, k.min() + rnd.nextInt(k.max() - k.min() + 1));
                m.tick(0.016);
                Runnable r = h.inbox.poll(); // deliver some results mid-storm, as the FX thread would
                if (r != null && rnd.nextBoolean()) {
                    r.run();
                }
            }
            if (m.problem() != null) {
                m.fixProblem();
            }
            h.settle();
            assertNull(m.problem());
            Geometry g = m.params().geometry();
            Frame f = m.frame();
            assertEquals(g, f.geometry());
            assertArrayEquals(new CpuBackend(1).im2col(g, f.layout(), InputSource.RAMP.fill(g)), f.column());
            assertTrue(m.position() >= 0 && m.position() <= f.length());
        }
    }

    @Test
    void cudaAskedForWithoutADeviceSaysWhyAndUsesTheCpu() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            assertFalse(m.cudaAvailabilityProperty().get().available());
            m.setBackend(dev.unfold.core.BackendChoice.CUDA);
            h.settle();
            Frame f = m.frame();
            assertEquals("cpu", f.backend().name());
            assertEquals(m.cudaAvailabilityProperty().get().detail(), f.cudaUnavailable());
            assertNull(m.computeErrorProperty().get());
            Geometry g = f.geometry();
            assertArrayEquals(new CpuBackend(1).im2col(g, f.layout(), InputSource.RAMP.fill(g)), f.column());
        }
    }

    @Test
    void pinnedFocusIgnoresHoverUntilReleased() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            Focus a = new Focus.Input(0, 0, 1, 1);
            Focus b = new Focus.Column(0, 3);
            m.hover(a);
            assertEquals(4, m.highlight().count());
            m.togglePin(b);
            m.hover(a);
            assertEquals(b, m.focusProperty().get());
            assertTrue(m.pinnedProperty().get());
            m.togglePin(b);
            assertFalse(m.pinnedProperty().get());
            m.hover(a);
            assertEquals(a, m.focusProperty().get());
        }
    }

    @Test
    void presetsMatchTheSeedExamples() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            int[][] expected = {{5, 5}, {3, 3}, {4, 4}, {3, 3}}; // OH, OW printed in the seed notebook
            Preset[] seeds = {Preset.SEED_K2_S1_P1, Preset.SEED_K2_S2_P1, Preset.SEED_K2_S2_P2, Preset.SEED_K2_S1_P0};
            for (int i = 0; i < seeds.length; i++) {
                m.applyPreset(seeds[i]);
                h.settle();
                assertEquals(expected[i][0], m.frame().geometry().oh(), seeds[i].name());
                assertEquals(expected[i][1], m.frame().geometry().ow(), seeds[i].name());
            }
            m.applyPreset(Preset.SEED_K2_S2_P1);
            h.settle();
            // the seed's printed result for k2 s2 p1: rows 0 and 4 of the 9 × 4 matrix
            Frame f = m.frame();
            assertArrayEquals(new double[] {0, 0, 0, 1}, rowOf(f, 0));
            assertArrayEquals(new double[] {6, 7, 10, 11}, rowOf(f, 4));
            m.set(ParamKey.H, 9);
            m.set(ParamKey.KH, 4);
            m.applyPreset(Preset.SAME);
            h.settle();
            assertEquals(9, m.frame().geometry().oh(), "same padding keeps the size");
            m.applyPreset(Preset.RESNET_STEM);
            h.settle();
            assertEquals(32, m.frame().geometry().oh());
            assertEquals(147, m.frame().geometry().patchSize());
        }
    }

    private static double[] rowOf(Frame f, int row) {
        double[] r = new double[f.geometry().patchSize()];
        for (int t = 0; t < r.length; t++) {
            r[t] = f.value(row, t);
        }
        return r;
    }

    @Test
    void anImageBecomesTheInputAndFollowsTheSizeSliders() throws Exception {
        java.awt.image.BufferedImage pic = new java.awt.image.BufferedImage(20, 10,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                pic.setRGB(x, y, (x * 12) << 16 | (y * 25) << 8 | 200);
            }
        }
        ImageInput image = ImageInput.of("ramp.png", pic, dev.unfold.media.ColorMode.RGB,
                dev.unfold.media.Framing.STRETCH);
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            Params p = h.model.params().with(ParamKey.C, 3).with(ParamKey.H, 5).with(ParamKey.W, 8);
            h.model.setInput(image, p);
            h.settle();
            Frame f = h.model.frame();
            assertEquals(image, h.model.inputProperty().get());
            assertEquals(p.geometry(), f.geometry());
            assertArrayEquals(image.tensor(5, 8).values(), f.input());
            assertArrayEquals(new CpuBackend(1).im2col(f.geometry(), f.layout(), f.input()), f.column());

            h.model.set(ParamKey.H, 7);
            h.model.set(ParamKey.W, 7);
            h.settle();
            assertArrayEquals(image.tensor(7, 7).values(), h.model.frame().input());

            h.model.setInput(InputSource.RAMP, h.model.params()); // same params: still recomputed
            h.settle();
            assertEquals(1.0, h.model.frame().input()[0]);
            assertEquals(3 * 7 * 7, h.model.frame().input()[3 * 7 * 7 - 1]);
        }
    }

    @Test
    void theEndAskedForWhileComputingIsTheEndOfTheNewResult() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            m.seek(40);
            m.setParams(new Params(1, 1, 6, 6, 2, 2, 1, 1, 1, 1, 1, 1)); // 49 × 4 moves on the way
            m.seek(m.lengthProperty().get()); // End, while the old 100-move trace is still shown
            h.settle();
            assertEquals(196, m.lengthProperty().get());
            assertEquals(196, m.position());
        }
    }

    @Test
    void aPositionAskedOfAResultThatFailedIsForgotten() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            m.setInput(g -> {
                throw new IllegalStateException("no values");
            });
            m.seek(3);
            h.settle();
            assertTrue(m.computeErrorProperty().get() != null, "the failure shows");
            m.seek(m.lengthProperty().get()); // back to the end of what is shown
            m.setInput(InputSource.RAMP);
            h.settle();
            assertEquals(m.lengthProperty().get(), m.position(), "a finished animation stays finished");
        }
    }

    @Test
    void aPositionAskedInOneViewDoesNotMoveAnother() throws Exception {
        try (ModelHarness h = new ModelHarness(Settings.defaults())) {
            h.start();
            MainModel m = h.model;
            m.setView(ViewKind.COL2IM);
            m.setTimeline(ViewKind.COL2IM, 64);
            assertEquals(64, m.position());
            m.setView(ViewKind.IM2COL);
            m.setParams(new Params(1, 1, 5, 5, 2, 2, 1, 1, 1, 1, 1, 1));
            m.seek(2); // asked of the im2col result on its way
            m.setView(ViewKind.COL2IM);
            h.settle();
            m.setTimeline(ViewKind.COL2IM, 64);
            assertEquals(64, m.position(), "col2im stays where it was: finished");
        }
    }
}
