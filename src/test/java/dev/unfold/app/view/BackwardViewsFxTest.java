package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.OutputGradientPreset;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.model.Weights;
import dev.unfold.app.model.WeightPreset;
import dev.unfold.core.Backends;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.Reference;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The col2im and GEMM views in the real window, driven the way a teacher would. */
@ExtendWith(ApplicationExtension.class)
class BackwardViewsFxTest {

    private static final CpuBackend CPU = new CpuBackend(1);

    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private MainModel model;
    private MainWindow window;
    private FrameComputer computer;
    private BackwardModel backward;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> errors.add(e));
        Backends backends = new Backends(List.of(new CpuBackendProvider()));
        computer = new FrameComputer(backends);
        model = new MainModel(backends, computer, Platform::runLater, Settings.defaults());
        window = new MainWindow(model, new I18n(Locale.ENGLISH));
        backward = window.deck().backward();
        stage.setScene(window.createScene(1600, 960));
        stage.sizeToScene(); // TestFX hands every class the same stage, perhaps resized by an earlier test
        stage.show();
        model.start();
        window.startAnimation();
    }

    @AfterEach
    void stop() {
        window.close();
        computer.close();
        assertEquals(List.of(), errors, "exceptions on the FX thread");
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.frame() != null
                && !model.computingProperty().get() && window.deck().ready());
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    private <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void fxRun(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, r);
    }

    private static Point2D screen(Canvas c, double x, double y) {
        return c.localToScreen(x, y);
    }

    /** What every pixel of the input-gradient view says, (N, C, H, W) order. */
    private List<String> shownGradient() throws Exception {
        return fx(() -> {
            Geometry g = backward.frame().geometry();
            List<String> out = new ArrayList<>();
            GradientView v = window.deck().col2im().gradientView();
            for (int n = 0; n < g.n(); n++) {
                for (int c = 0; c < g.c(); c++) {
                    for (int y = 0; y < g.h(); y++) {
                        for (int x = 0; x < g.w(); x++) {
                            out.add(v.cellText(n, c, y, x));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static List<String> texts(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(CellFormat.compact(v));
        }
        return out;
    }

    @Test
    void theAccumulatedGradientAtTheEndIsTheCoresCol2imAndConvBackward(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.setParams(new Params(1, 2, 5, 6, 3, 2, 2, 1, 1, 1, 1, 1)));
        robot.clickOn("#view-switch-col2im");
        settle();
        for (String order : new String[] {"#col2im-order-col2im-by-tap", "#col2im-order-col2im-by-pixel"}) {
            robot.clickOn(order);
            for (GradientPreset gp : new GradientPreset[] {GradientPreset.RANDOM, GradientPreset.FROM_CONV}) {
                fxRun(() -> backward.setGradient(gp));
                settle();
                robot.clickOn("#grad-column-view").type(KeyCode.END);
                WaitForAsyncUtils.waitForFxEvents();
                BackwardFrame f = backward.frame();
                Geometry g = f.geometry();
                assertEquals(f.col2imLength(), model.position());
                double[] core = CPU.col2im(g, f.layout(), f.gradColumn());
                assertArrayEquals(core, fx(() -> backward.col2imState().inner()), order + " " + gp);
                assertEquals(texts(core), shownGradient(), "the numbers drawn in the grid");
                if (gp == GradientPreset.FROM_CONV) {
                    Conv2d conv = new Conv2d(CPU, g, f.outChannels());
                    conv.forward(f.input(), f.weight(), f.bias());
                    double[] gx = conv.backward(f.outputGrad()).input();
                    assertEquals(texts(gx), shownGradient(), "Conv2d backward's gx");
                }
            }
        }
        // pointing at a pixel reads its sum out in the formula panel
        double[] c = fx(() -> window.deck().col2im().gradientView().centreOf(0, 1, 2, 3));
        robot.moveTo(screen(window.deck().col2im().gradientView().canvas(), c[0], c[1]));
        WaitForAsyncUtils.waitForFxEvents();
        Label pointer = robot.lookup("#col2im-pointer").queryAs(Label.class);
        BackwardFrame f = backward.frame();
        double v = CPU.col2im(f.geometry(), f.layout(), f.gradColumn())[(1 * 5 + 2) * 6 + 3];
        assertTrue(pointer.getText().startsWith("gx[n=0, c=1, y=2, x=3] = " + CellFormat.compact(v)), pointer.getText());
    }

    @Test
    void stepBackUndoesAStepExactly(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> {
            model.setParams(new Params(1, 1, 6, 6, 3, 3, 1, 1, 1, 1, 1, 1));
            backward.setWeightPreset(WeightPreset.BOX_BLUR); // ninths: sums that are not exact in binary
            backward.setOutputGradient(OutputGradientPreset.RANDOM);
            backward.setGradient(GradientPreset.FROM_CONV);
            model.setView(ViewKind.COL2IM);
        });
        settle();
        for (long p : new long[] {1, 57, 130, 200, backward.frame().col2imLength() - 1}) {
            fxRun(() -> model.seek(p));
            WaitForAsyncUtils.waitForFxEvents();
            double[] before = fx(() -> backward.col2imState().inner());
            int[] counts = fx(() -> backward.col2imState().innerCounts());
            List<String> shown = shownGradient();
            robot.clickOn("#step-forward");
            assertEquals(p + 1, model.position());
            robot.clickOn("#step-back");
            assertEquals(p, model.position());
            assertArrayEquals(before, fx(() -> backward.col2imState().inner()), "bit for bit at " + p);
            assertArrayEquals(counts, fx(() -> backward.col2imState().innerCounts()));
            assertEquals(shown, shownGradient());
            double[] replay = new double[before.length];
            backward.frame().trace().replayCol2im(backward.frame().gradColumn(), replay, p);
            assertArrayEquals(replay, before, "the core's replay of " + p + " moves");
        }
    }

    /** Planes laid out in a grid of their own choosing: pointing at any cell of any plane finds that cell. */
    @Test
    void everyPlaneOfTheGradientIsFoundWhereItIsDrawn(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.setParams(new Params(2, 3, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1)));
        robot.clickOn("#view-switch-col2im");
        settle();
        GradientView v = window.deck().col2im().gradientView();
        Geometry g = backward.frame().geometry();
        List<String> wrong = fx(() -> {
            List<String> out = new ArrayList<>();
            java.util.Set<String> centres = new java.util.HashSet<>();
            for (int n = 0; n < g.n(); n++) {
                for (int c = 0; c < g.c(); c++) {
                    for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
                        for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                            double[] at = v.centreOf(n, c, y, x);
                            Focus.Input found = v.focusAt(at[0], at[1]);
                            if (!new Focus.Input(n, c, y, x).equals(found) || !centres.add(at[0] + "," + at[1])) {
                                out.add(n + "," + c + "," + y + "," + x + " -> " + found);
                            }
                        }
                    }
                }
            }
            return out;
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void theHeatMapShowsTheWindowCounts(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.setParams(new Params(1, 1, 7, 6, 3, 2, 2, 1, 1, 0, 1, 2)));
        robot.clickOn("#view-switch-col2im");
        settle();
        robot.clickOn("#heatmap");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(backward.heatMapProperty().get());
        Geometry g = backward.frame().geometry();
        int[] brute = Reference.windowCounts(g);
        List<String> expected = new ArrayList<>();
        for (int y = 0; y < g.h(); y++) {
            for (int x = 0; x < g.w(); x++) {
                assertEquals(g.yAxis().windowCount(y) * g.xAxis().windowCount(x), brute[y * g.w() + x]);
                expected.add(Integer.toString(brute[y * g.w() + x]));
            }
        }
        assertEquals(expected, shownGradient());
        Label caption = robot.lookup("#caption-gradient").queryAs(Label.class);
        assertTrue(caption.getText().startsWith("Windows covering each pixel"), caption.getText());
        Node trip = robot.lookup("#round-trip-view").query();
        assertFalse(trip.isVisible());
        robot.clickOn("#roundtrip");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(trip.isVisible() && trip.getLayoutBounds().getHeight() >= 200, "the round trip is shown");
        Label byFour = robot.lookup("#col2im-byfour").queryAs(Label.class);
        assertTrue(byFour.getText().contains("restored / 4"), byFour.getText());
        // pointing at a pixel in the ÷ 4 grid, whose small cells shrink their numbers, writes them in full
        RoundTripView view = window.deck().col2im().roundTripView();
        assertTrue(view.summary().startsWith("Plane c0:"), view.summary());
        double[] at = fx(() -> view.centreOf(4, 3, 2));
        robot.moveTo(screen(view.canvas(), at[0], at[1]));
        WaitForAsyncUtils.waitForFxEvents(4);
        Highlight hl = model.highlight();
        assertEquals(List.of(0, 0, 3, 2), List.of(hl.n(), hl.c(), hl.y(), hl.x()));
        int count = brute[3 * g.w() + 2];
        double x = backward.frame().input()[3 * g.w() + 2];
        assertEquals(count * x, backward.frame().roundTrip()[3 * g.w() + 2]);
        assertEquals("Pixel (3, 2): x = " + CellFormat.precise(x) + " · " + count + (count == 1 ? " window" : " windows")
                + " · col2im(im2col(x)) = " + CellFormat.precise(count * x) + " · ÷ " + count + " = "
                + CellFormat.precise(x) + " · ÷ 4 = " + CellFormat.precise(count * x / 4), fx(view::summary));
        robot.moveTo(robot.lookup("#heatmap").queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertTrue(fx(view::summary).startsWith("Plane c0:"), "the summary is back when the pointer leaves");
    }

    @Test
    void editingAnInputCellUpdatesTheColumnMatrixAndTheOutput(FxRobot robot) throws Exception {
        settle();
        Canvas in = window.inputView().canvas();
        double[] c = fx(() -> window.inputView().centreOf(0, 1, 2));
        robot.moveTo(screen(in, c[0], c[1])).doubleClickOn();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.inputView().editorField().isVisible());
        robot.write("100").type(KeyCode.ENTER);
        settle();
        Frame f = model.frame();
        Geometry g = f.geometry();
        assertEquals(100, f.inputValue(0, 0, 1, 2));
        assertArrayEquals(Reference.im2col(g, f.layout(), f.input()), f.column());
        long copies = java.util.Arrays.stream(f.column()).filter(v -> v == 100).count();
        assertEquals(g.yAxis().windowCount(1) * g.xAxis().windowCount(2), copies, "every copy in the column matrix");
        // click to pin, then type: the same edit by keyboard
        double[] d = fx(() -> window.inputView().centreOf(0, 3, 3));
        robot.moveTo(screen(in, d[0], d[1])).clickOn();
        robot.type(KeyCode.DIGIT7).type(KeyCode.ENTER);
        settle();
        assertEquals(7, model.frame().inputValue(0, 0, 3, 3));
        robot.clickOn("#view-switch-gemm");
        settle();
        BackwardFrame b = backward.frame();
        assertArrayEquals(model.frame().input(), b.input());
        Conv2d conv = new Conv2d(CPU, g, b.outChannels());
        assertArrayEquals(conv.forward(model.frame().input(), b.weight(), b.bias()), b.output(), "y from the edited x");
        // and a weight typed into Wᵀ changes y
        double[] w = fx(() -> window.deck().gemm().view().cellBounds(GemmView.Role.B, 1, 0));
        assertNotNull(w);
        Canvas gemm = window.deck().gemm().view().canvas();
        robot.moveTo(screen(gemm, w[0] + w[2] / 2, w[1] + w[3] / 2)).doubleClickOn();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.deck().gemm().view().editorField().isVisible());
        robot.eraseText(8).write("2").type(KeyCode.ENTER);
        settle();
        BackwardFrame after = backward.frame();
        assertEquals(2.0, after.w(0, 1));
        assertArrayEquals(conv.forward(model.frame().input(), after.weight(), after.bias()), after.output());
        assertNotEquals(b.output()[0] + b.output()[6], after.output()[0] + after.output()[6]);
    }

    @Test
    void clickingAnOutputAnimatesItsDotProduct(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#view-switch-gemm");
        settle();
        assertEquals(Product.FORWARD, backward.product());
        BackwardFrame f = backward.frame();
        int k = f.taps();
        int row = fx(() -> { // a row of y in view (a long column shows a window of rows)
            for (int r = f.rows() - 1; r >= 0; r--) {
                if (window.deck().gemm().view().cellBounds(GemmView.Role.C, r, 0) != null) {
                    return r - 1;
                }
            }
            return -1;
        });
        double[] cb = fx(() -> window.deck().gemm().view().cellBounds(GemmView.Role.C, row, 0));
        Canvas gemm = window.deck().gemm().view().canvas();
        robot.moveTo(screen(gemm, cb[0] + cb[2] / 2, cb[1] + cb[3] / 2)).clickOn();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals((long) row * k + 1, model.position());
        Label element = robot.lookup("#gemm-element").queryAs(Label.class);
        assertTrue(element.getText().startsWith("y[row " + row + ", oc 0]"), element.getText());
        assertTrue(Double.isNaN(backward.productValue(row + 1, 0)), "the next element is not computed yet");
        for (int t = 1; t < k; t++) {
            robot.type(KeyCode.RIGHT);
        }
        assertEquals(f.y(row, 0), backward.productValue(row, 0));
        Label sum = robot.lookup("#gemm-sum").queryAs(Label.class);
        assertTrue(sum.getText().contains(CellFormat.precise(f.y(row, 0)) + ", the value Conv2d computed"), sum.getText());
        robot.type(KeyCode.LEFT);
        assertEquals(Product.FORWARD.partial(f, row, 0, k - 1), backward.productValue(row, 0));
        // the same output in y reshaped to (N, OC, OH, OW): (n 0, oc 0, oy 1, ox 2) is row 1·OW + 2
        double[] yc = fx(() -> window.deck().gemm().view().sideCellCentre(0, 0, 1, 2));
        robot.moveTo(screen(gemm, yc[0], yc[1])).clickOn();
        WaitForAsyncUtils.waitForFxEvents();
        int reshaped = f.geometry().ow() + 2;
        assertEquals((long) reshaped * k + 1, model.position());
        assertTrue(element.getText().startsWith("y[row " + reshaped + ", oc 0]"), element.getText());
        // the backward products come from Conv2d as well
        robot.clickOn("#product-column-gradient");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Product.COLUMN_GRADIENT.length(f), model.lengthProperty().get());
        robot.clickOn("#gemm-to-col2im");
        settle();
        assertEquals(ViewKind.COL2IM, model.view());
        assertArrayEquals(f.gradients().column(), backward.frame().gradColumn(), "gcol flows into the col2im view");
        assertTrue(model.playingProperty().get(), "the button animates: it plays");
        fxRun(model::pause);
        WaitForAsyncUtils.waitForFxEvents(4);
        // the button went away with its view; the keys belong to the animation, not to the first slider
        int n = model.params().get(ParamKey.N);
        long at = fx(model::position);
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(n, model.params().get(ParamKey.N));
        assertEquals(at + 1, (long) fx(model::position), "the arrow stepped the col2im animation");
    }

    @Test
    void theFormulaPanelQuotesTheSeedLineBeingExecuted(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#view-switch-col2im");
        settle();
        fxRun(() -> model.seek(5));
        WaitForAsyncUtils.waitForFxEvents();
        Label active = robot.lookup("#col2im-code-active").queryAs(Label.class);
        assertEquals("        img[:, :, j:j_lim:SH, i:i_lim:SW] += col[:, :, j, i, :, :]", active.getText());
        // the notebook's loop has no dilation: with one, the loop that adds the right taps is quoted
        fxRun(() -> model.set(ParamKey.DH, 2));
        settle();
        fxRun(() -> model.seek(5));
        WaitForAsyncUtils.waitForFxEvents();
        active = robot.lookup("#col2im-code-active").queryAs(Label.class);
        assertEquals("        img[:, :, j * DH:j_lim:SH, i * DW:i_lim:SW] += col[:, :, j, i, :, :]", active.getText());
        Move moved = backward.col2imMove();
        ColumnElement at = ColumnElement.of(backward.frame().geometry(), moved.row(), moved.tap());
        String where = robot.lookup("#col2im-where").queryAs(Label.class).getText();
        assertTrue(where.startsWith("Here j = " + at.ky() + ", i = " + at.kx() + ": with dilation the slab starts at"
                + " j·DH = " + at.ky() + "·2 = " + 2 * at.ky()), where);
        fxRun(() -> model.set(ParamKey.DH, 1));
        settle();
        robot.clickOn("#col2im-order-col2im-by-pixel");
        settle();
        assertEquals(TraceOrder.COL2IM_BY_PIXEL, backward.frame().order());
        fxRun(() -> model.seek(9));
        WaitForAsyncUtils.waitForFxEvents();
        active = robot.lookup("#col2im-code-active").queryAs(Label.class);
        assertEquals("        val = val + col[out_x + out_w * k];", active.getText());
        Label visit = robot.lookup("#col2im-visit-active").queryAs(Label.class);
        assertTrue(visit.getText().contains("→ add"), visit.getText());
        // the seed's k2 s1 p1: thread 2 is pixel (0, 2); its 4 windows are visited ky outer, kx inner
        assertEquals(2, backward.col2imMove().thread());
        Label step = robot.lookup("#col2im-step").queryAs(Label.class);
        assertTrue(step.getText().startsWith("Step 9 of 64"), step.getText());
        // the keyboard drives this view's animation
        robot.clickOn("#caption-grad-column").type(KeyCode.RIGHT);
        assertEquals(10, model.position());
        robot.type(KeyCode.HOME);
        assertEquals(0, model.position());
    }

    /** In the tensor and torch layouts the col2im texts name gcol's cells by the grid drawn, as im2col's do. */
    @Test
    void col2imTextsNameTheGradientCellByTheDrawnGrid(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#view-switch-col2im");
        settle();
        for (Layout layout : new Layout[] {Layout.TENSOR, Layout.TORCH}) {
            for (TraceOrder order : new TraceOrder[] {TraceOrder.COL2IM_BY_TAP, TraceOrder.COL2IM_BY_PIXEL}) {
                fxRun(() -> {
                    model.setLayout(layout);
                    backward.setOrder(order);
                });
                settle();
                BackwardFrame f = backward.frame();
                assertEquals(layout, f.layout());
                assertEquals(order, f.order());
                Geometry g = f.geometry();
                boolean padding = false;
                for (long at : new long[] {1, 9, 17, f.col2imLength()}) {
                    fxRun(() -> model.seek(at));
                    WaitForAsyncUtils.waitForFxEvents();
                    Move m = backward.col2imMove();
                    String name = ExpectedCellNames.name("gcol", g, layout, m.row(), m.tap());
                    String move = robot.lookup("#col2im-move").queryAs(Label.class).getText();
                    assertTrue(m.padding() ? move.startsWith(name + " = ") : move.contains(" += " + name + " = "),
                            layout + " " + order + " step " + at + ": " + move + " / " + name);
                    padding |= m.padding();
                }
                assertEquals(order == TraceOrder.COL2IM_BY_TAP, padding, "the scatter adds padding, the gather not");
                Move m = backward.col2imMove();
                fxRun(() -> model.togglePin(new Focus.Column(m.row(), m.tap())));
                WaitForAsyncUtils.waitForFxEvents();
                String pointer = robot.lookup("#col2im-pointer").queryAs(Label.class).getText();
                assertTrue(pointer.startsWith(ExpectedCellNames.name("gcol", g, layout, m.row(), m.tap()) + " = "),
                        pointer);
                fxRun(() -> model.togglePin(new Focus.Column(m.row(), m.tap())));
                String caption = robot.lookup("#caption-grad-column").queryAs(Label.class).getText();
                assertTrue(caption.startsWith("gcol  " + ExpectedCellNames.caption(g, layout) + "  ·  "), caption);
            }
        }
    }

    @Test
    void outputChannelsAreTypedLikeTheParameters(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#view-switch-gemm");
        settle();
        Spinner<Integer> oc = window.deck().gemm().outChannels();
        robot.doubleClickOn(oc.getEditor()).eraseText(4).write("3").type(KeyCode.ENTER);
        settle();
        assertEquals(3, backward.weights().outChannels());
        assertEquals(3, backward.frame().outChannels());
        robot.doubleClickOn(oc.getEditor()).eraseText(4).write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("3", oc.getEditor().getText(), "not a number: the value is put back at once");
        robot.doubleClickOn(oc.getEditor()).eraseText(4).write("99").type(KeyCode.ENTER);
        settle();
        assertEquals(Weights.MAX_OUT_CHANNELS, backward.weights().outChannels(), "clamped to the largest");
        assertEquals(Integer.toString(Weights.MAX_OUT_CHANNELS), oc.getEditor().getText());

        // a parameter box puts back what is not a number on Enter too, without waiting for the focus to leave
        Spinner<?> kernel = (Spinner<?>) window.root().lookup("#spinner-KH");
        robot.doubleClickOn(kernel.getEditor()).eraseText(4).write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Integer.toString(model.params().get(ParamKey.KH)), kernel.getEditor().getText());
    }

    @Test
    void theCurrentPixelIsLitWhereItIsAfterTheGridGrows(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#view-switch-col2im");
        settle();
        fxRun(() -> model.seek(7));
        WaitForAsyncUtils.waitForFxEvents(4);
        fxRun(() -> window.paramsShownProperty().set(false)); // the parameter panel hidden: the grid grows
        WaitForAsyncUtils.waitForFxEvents(6);
        GradientView v = window.deck().col2im().gradientView();
        Move m = backward.col2imMove();
        dev.unfold.core.ColumnElement e =
                dev.unfold.core.ColumnElement.of(backward.frame().geometry(), m.row(), m.tap());
        double[] c = fx(() -> v.centreOf(e.n(), e.c(), e.iy(), e.ix()));
        double cell = fx(() -> v.centreOf(e.n(), e.c(), e.iy(), e.ix() + 1)[0]) - c[0];
        javafx.scene.image.WritableImage img = fx(() -> v.snapshot(null, null));
        // a point inside the cell near its lower left corner, away from the number and the count
        javafx.scene.paint.Color seen = img.getPixelReader().getColor((int) (c[0] - 0.38 * cell),
                (int) (c[1] + 0.38 * cell));
        javafx.scene.paint.Color lit = Palette.LIGHT.current();
        assertTrue(Math.abs(seen.getRed() - lit.getRed()) < 0.05 && Math.abs(seen.getGreen() - lit.getGreen()) < 0.05
                && Math.abs(seen.getBlue() - lit.getBlue()) < 0.05, "the current pixel is lit at its new place: " + seen);
        fxRun(() -> window.paramsShownProperty().set(true));
    }

    @Test
    void theStatusBarTimesWhatTheShownViewComputed(FxRobot robot) throws Exception {
        settle();
        Label compute = robot.lookup("#status-compute").queryAs(Label.class);
        I18n en = new I18n(Locale.ENGLISH);
        assertEquals("im2col " + en.number(model.frame().computeNanos() / 1e6, 2) + " ms on cpu",
                fx(compute::getText));
        for (ViewKind v : List.of(ViewKind.COL2IM, ViewKind.GEMM)) {
            fxRun(() -> model.setView(v));
            settle();
            BackwardFrame f = backward.frame();
            assertEquals("Conv2d + col2im " + en.number(f.computeNanos() / 1e6, 2) + " ms on cpu",
                    fx(compute::getText), v + ": the backward frame's time, not im2col's");
        }
        fxRun(() -> model.setView(ViewKind.IM2COL));
        settle();
        assertTrue(fx(compute::getText).startsWith("im2col "), fx(compute::getText));
    }

    @Test
    void theColumnLabelsOfTheProductStayClearOfTheSidePanelAndOfEachOther() throws Exception {
        fxRun(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
            model.setView(ViewKind.GEMM);
            backward.setOutChannels(3);
        });
        GemmView view = window.deck().gemm().view();
        for (int[] p : List.of(new int[] {1, 4, 2, 1, 1}, new int[] {3, 64, 7, 2, 3}, new int[] {2, 9, 3, 1, 1})) {
            fxRun(() -> {
                model.set(ParamKey.C, p[0]);
                model.set(ParamKey.H, p[1]);
                model.set(ParamKey.W, p[1]);
                model.set(ParamKey.KH, p[2]);
                model.set(ParamKey.KW, p[2]);
                model.set(ParamKey.SH, p[3]);
                model.set(ParamKey.SW, p[3]);
                model.set(ParamKey.PH, p[4]);
                model.set(ParamKey.PW, p[4]);
            });
            for (Product product : Product.values()) {
                fxRun(() -> backward.setProduct(product));
                settle();
                fxRun(() -> model.seek(model.lengthProperty().get())); // the last column current, its label bold
                settle();
                List<javafx.geometry.Rectangle2D> texts = fx(view::columnHeaderTexts);
                double side = fx(view::sideLeft);
                String what = product + " with C, H, K, S, P = " + java.util.Arrays.toString(p);
                assertTrue(texts.size() >= 2, what + ": a label and the axis name");
                for (int i = 0; i < texts.size(); i++) {
                    assertTrue(texts.get(i).getMaxX() <= side, what + ": " + texts.get(i) + " reaches under the side panel at " + side);
                    for (int j = i + 1; j < texts.size(); j++) {
                        assertFalse(texts.get(i).intersects(texts.get(j)), what + ": " + texts.get(i) + " and " + texts.get(j));
                    }
                }
            }
        }
    }

    @Test
    void theCountBadgeCoversNoPixelOfTheGradient() throws Exception {
        fxRun(() -> {
            model.setView(ViewKind.COL2IM);
            model.set(ParamKey.C, 2);
        });
        settle();
        Geometry g = backward.frame().geometry();
        GradientView view = window.deck().col2im().gradientView();
        for (int c = 0; c < g.c(); c++) {
            for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
                for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                    Focus.Input at = new Focus.Input(0, c, y, x);
                    fxRun(() -> model.hover(at));
                    WaitForAsyncUtils.waitForFxEvents();
                    javafx.geometry.Rectangle2D badge = fx(view::badgeBounds);
                    assertNotNull(badge, "a badge for " + at);
                    for (int cc = 0; cc < g.c(); cc++) {
                        int plane = cc;
                        double[] c0 = fx(() -> view.centreOf(0, plane, -g.ph(), -g.pw()));
                        double[] c1 = fx(() -> view.centreOf(0, plane, -g.ph() + 1, -g.pw() + 1));
                        double cell = c1[0] - c0[0];
                        double[] far = fx(() -> view.centreOf(0, plane, g.h() + g.ph() - 1, g.w() + g.pw() - 1));
                        assertFalse(badge.intersects(c0[0] - cell / 2 + 1, c0[1] - cell / 2 + 1,
                                        far[0] - c0[0] + cell - 2, far[1] - c0[1] + cell - 2),
                                "the badge of " + at + " at " + badge + " covers plane c" + cc);
                    }
                }
            }
        }
    }

    @Test
    void theReshapedPlanesOfFourOutputChannelsKeepTheirLabelsApartAt1024() throws Exception {
        fxRun(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
            model.setView(ViewKind.GEMM);
            backward.setProduct(Product.FORWARD);
            backward.setOutChannels(4);
        });
        settle();
        GemmView view = window.deck().gemm().view();
        GemmView.SidePlanes sp = fx(view::sidePlanes);
        assertNotNull(sp);
        double label = fx(() -> dev.unfold.app.i18n.Fonts.width("n0 · oc3",
                javafx.scene.text.Font.font("System", javafx.scene.text.FontWeight.BOLD, 12)));
        // the planes' labels "n0 · oc0" … "n0 · oc3" each have their slot: none runs into the next
        assertTrue(sp.slotW() >= label && sp.slotW() >= sp.pw() * sp.s(), "slot " + sp.slotW() + " for a label " + label);
        double[] a = fx(() -> view.sideCellCentre(0, 0, 0, 0));
        double[] b = fx(() -> view.sideCellCentre(0, 1, 0, 0));
        boolean sameRow = Math.abs(a[1] - b[1]) < 1e-9;
        assertTrue(!sameRow || b[0] - a[0] >= label + 4, "oc0's and oc1's labels overlap: " + a[0] + ", " + b[0]);
        assertTrue(sp.s() >= 10, "cells of " + sp.s() + " px: the panel's height is there to use");
        // pointing still finds each plane's cells where they are drawn
        for (int oc = 0; oc < 4; oc++) {
            int plane = oc;
            double[] c = fx(() -> view.sideCellCentre(0, plane, 1, 2));
            int[] at = fx(() -> view.sideElementAt(c[0], c[1]));
            assertArrayEquals(new int[] {backward.frame().geometry().ow() + 2, oc}, at);
        }
    }

    @Test
    void theRoundTripSummaryWrapsAtItsOwnSizeAt1024() throws Exception {
        fxRun(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
            model.setView(ViewKind.COL2IM);
            backward.setRoundTrip(true);
            // 7 × 7, 2 × 2, stride 3: 33 pixels no window reads, the longest summary
            model.set(ParamKey.H, 7);
            model.set(ParamKey.W, 7);
            model.set(ParamKey.SH, 3);
            model.set(ParamKey.SW, 3);
            model.set(ParamKey.PH, 0);
            model.set(ParamKey.PW, 0);
        });
        settle();
        RoundTripView view = window.deck().col2im().roundTripView();
        double room = fx(() -> view.canvas().getWidth()) - 2 * 18;
        List<String> lines = fx(view::summaryLines);
        assertTrue(String.join(" ", lines).contains("33 of the pixels"), lines.toString());
        javafx.scene.text.Font font = javafx.scene.text.Font.font("System", 13);
        for (String line : lines) {
            double wide = fx(() -> dev.unfold.app.i18n.Fonts.width(line, font));
            assertTrue(wide <= room, "'" + line + "' is " + wide + " px at 13 px, set smaller to fit " + room);
        }
    }

    @Test
    void theRoundTripClaimsXBackOnlyWhereAWindowReadsIt() throws Exception {
        fxRun(() -> {
            model.setView(ViewKind.COL2IM);
            backward.setRoundTrip(true);
        });
        settle();
        RoundTripView view = window.deck().col2im().roundTripView();
        String every = fx(view::summary); // 4 × 4, k2 s1 p1: every pixel is read
        assertTrue(every.contains("gives x back;") && !every.contains("No window reads"), every);
        fxRun(() -> { // 7 × 7, 2 × 2, stride 3: 33 pixels no window reads
            model.set(ParamKey.H, 7);
            model.set(ParamKey.W, 7);
            model.set(ParamKey.SH, 3);
            model.set(ParamKey.SW, 3);
            model.set(ParamKey.PH, 0);
            model.set(ParamKey.PW, 0);
        });
        settle();
        String some = fx(view::summary);
        assertTrue(some.contains("gives x back wherever a window reads it;") && some.contains("No window reads 33"),
                some);
    }

    @Test
    void everyControlOfTheBackwardViewsHasATooltip() throws Exception {
        settle();
        List<String> without = new ArrayList<>();
        for (ViewKind v : new ViewKind[] {ViewKind.COL2IM, ViewKind.GEMM}) {
            fxRun(() -> model.setView(v));
            settle();
            fxRun(() -> walk(window.root(), without));
        }
        assertEquals(List.of(), without);
    }

    private static void walk(Node n, List<String> without) {
        boolean interactive = n instanceof ButtonBase || n instanceof Slider || n instanceof Spinner
                || n instanceof ComboBoxBase;
        if (interactive && n.isVisible()) {
            Control c = (Control) n;
            if (c.getTooltip() == null || c.getTooltip().getText() == null || c.getTooltip().getText().isBlank()) {
                without.add(n.getClass().getSimpleName() + "#" + n.getId());
            }
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, without);
            }
        }
    }
}
