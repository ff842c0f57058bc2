package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.Fonts;
import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.Focus;
import dev.unfold.app.model.Frame;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.Highlight;
import dev.unfold.app.model.InputSource;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.Settings;
import dev.unfold.core.Backends;
import dev.unfold.core.ColumnElement;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.Move;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.cpu.CpuBackend;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private MainModel model;
    private MainWindow window;
    private FrameComputer computer;
    private I18n i18n;

    @Start
    void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> errors.add(e));
        Backends backends = new Backends(List.of(new CpuBackendProvider()));
        computer = new FrameComputer(backends);
        model = new MainModel(backends, computer, Platform::runLater, Settings.defaults());
        i18n = new I18n(Locale.ENGLISH);
        window = new MainWindow(model, i18n);
        stage.setScene(window.createScene(1600, 960));
        stage.sizeToScene(); // TestFX hands every class the same stage, perhaps resized by an earlier test
        stage.show();
        model.start();
        window.startAnimation();
    }

    @AfterEach
    void stop() {
        computer.close();
        assertEquals(List.of(), errors, "exceptions on the FX thread");
    }

    private void settle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> model.frame() != null && !model.computingProperty().get());
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    private <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void fxRun(Runnable r) {
        WaitForAsyncUtils.waitForAsyncFx(10_000, r);
    }

    private static double[] expectedColumn(Frame f) {
        Geometry g = f.geometry();
        return new CpuBackend(1).im2col(g, f.layout(), InputSource.RAMP.fill(g));
    }

    private static Point2D screen(Canvas c, double x, double y) {
        return c.localToScreen(x, y);
    }

    /** The colour that fills most of a cell's left strip: the cell's fill, whatever hatch or text lies on it. */
    private static Color fill(WritableImage img, double[] b) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int x = (int) b[0] + 3; x <= (int) b[0] + 5; x++) {
            for (int y = (int) b[1] + 3; y <= (int) (b[1] + b[3]) - 3; y++) {
                counts.merge(img.getPixelReader().getArgb(x, y), 1, Integer::sum);
            }
        }
        int argb = java.util.Collections.max(counts.entrySet(), java.util.Map.Entry.comparingByValue()).getKey();
        return Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255);
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.03 && Math.abs(a.getGreen() - b.getGreen()) < 0.03
                && Math.abs(a.getBlue() - b.getBlue()) < 0.03;
    }

    @Test
    void zoomingKeepsTheCellBeingWrittenInView() throws Exception {
        settle();
        fxRun(() -> model.setParams(new Params(1, 1, 16, 16, 3, 3, 1, 1, 1, 1, 1, 1)));
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 4; i++) {
            fxRun(model::zoomIn);
            WaitForAsyncUtils.waitForFxEvents(4);
            Move m = model.currentMove();
            double[] b = fx(window.columnView()::cellBounds, m.row(), m.tap());
            double w = fx(() -> window.columnView().canvas().getWidth());
            double h = fx(() -> window.columnView().canvas().getHeight());
            assertTrue(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= w && b[1] + b[3] <= h,
                    "zoom " + i + ": cell at " + java.util.Arrays.toString(b) + " outside " + w + " × " + h);
        }
    }

    @Test
    void theDrawnMatrixIsTheBackendsResult() throws Exception {
        settle();
        Frame f = model.frame();
        assertArrayEquals(expectedColumn(f), f.column());
        WritableImage img = fx(() -> window.columnView().canvas().snapshot(null, null));
        Geometry g = f.geometry();
        Move last = model.currentMove();
        javafx.geometry.Rectangle2D viewport = fx(window.columnView()::viewport);
        int kk = g.kh() * g.kw();
        for (int row = 0; row < g.patchCount(); row++) {
            for (int tap = 0; tap < g.patchSize(); tap++) {
                double[] b = fx(window.columnView()::cellBounds, row, tap);
                if (b[1] < viewport.getMinY() || b[1] + b[3] > img.getHeight()) {
                    continue; // scrolled under the header, or below the fold
                }
                Color expected = row == last.row() && tap == last.tap() ? Palette.LIGHT.current()
                        : f.padding(row, tap) ? Palette.LIGHT.padding()
                        : Palette.LIGHT.valueFill(tap / kk, f.value(row, tap), f.inputMax());
                Color seen = fill(img, b);
                assertTrue(close(expected, seen), "cell " + row + "," + tap + ": " + seen + " vs " + expected);
            }
        }
        // before any move, every cell is empty
        fxRun(() -> model.seek(0));
        WaitForAsyncUtils.waitForFxEvents(4);
        img = fx(() -> window.columnView().canvas().snapshot(null, null));
        double[] b = fx(window.columnView()::cellBounds, 6, 3);
        assertTrue(close(Palette.LIGHT.empty(), fill(img, b)));
    }

    private <T> T fx(java.util.function.BiFunction<Integer, Integer, T> f, int a, int b) throws Exception {
        return fx(() -> f.apply(a, b));
    }

    @Test
    void slidersAndTypedEntryChangeTheMatrix(FxRobot robot) throws Exception {
        settle();
        Slider kernel = window.params().slider(ParamKey.KH);
        robot.clickOn(kernel).type(KeyCode.RIGHT); // keyboard on the focused slider: K 2 → 3
        settle();
        if (model.params().kh() != 3) { // the click itself may have moved the thumb; set it by keyboard from there
            fxRun(() -> kernel.setValue(3));
            settle();
        }
        assertEquals(3, model.frame().geometry().kh());
        assertEquals(3, model.frame().geometry().kw(), "kernel is linked");
        assertEquals(16, model.frame().geometry().patchCount());
        Label caption = robot.lookup("#caption-column").queryAs(Label.class);
        assertTrue(caption.getText().contains("16 × 9"), caption.getText());
        assertArrayEquals(expectedColumn(model.frame()), model.frame().column());

        Spinner<?> stride = window.params().spinner(ParamKey.SH);
        robot.doubleClickOn(stride.getEditor()).eraseText(3).write("2").type(KeyCode.ENTER);
        settle();
        assertEquals(2, model.frame().geometry().sh());
        robot.doubleClickOn(stride.getEditor()).eraseText(3).write("banana").type(KeyCode.ENTER);
        settle();
        assertEquals(2, model.params().sh(), "text that is no number keeps the value");
    }

    @Test
    void playStepAndScrub(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.setSpeed(20));
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.playingProperty().get() && model.position() > 2);
        robot.clickOn("#play");
        assertFalse(model.playingProperty().get());
        long at = model.position();
        robot.clickOn("#step-forward");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(at + 1, model.position());
        Label step = robot.lookup("#step-label").queryAs(Label.class);
        assertEquals("step " + (at + 1) + " / 100", step.getText());
        robot.clickOn("#step-back").clickOn("#step-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(at - 1, model.position());

        fxRun(() -> window.transport().scrub().setValue(10));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, model.position());
        Move m = model.currentMove();
        assertEquals(model.frame().trace().move(9), m);
        Label move = robot.lookup("#formula-move").queryAs(Label.class);
        ColumnElement e = ColumnElement.of(model.frame().geometry(), m.row(), m.tap());
        assertTrue(move.getText().startsWith("col[row " + m.row() + ", column " + m.tap() + "]"), move.getText());
        assertEquals(e.padding(model.frame().geometry()), m.padding());
    }

    @Test
    void hoverLinksBothViewsAndClickPins(FxRobot robot) throws Exception {
        settle();
        Canvas col = window.columnView().canvas();
        double[] b = fx(window.columnView()::cellBounds, 6, 3);
        robot.moveTo(screen(col, b[0] + b[2] / 2, b[1] + b[3] / 2));
        WaitForAsyncUtils.waitForFxEvents();
        Highlight hl = model.highlight();
        assertEquals(new Focus.Column(6, 3), hl.focus());
        assertEquals(1, hl.y()); // row 6 = window (0, 1, 1); tap 3 = (ky, kx) = (1, 1) → input (1, 1) = 6
        assertEquals(1, hl.x());
        assertEquals(6.0, hl.value());
        Label pointer = robot.lookup("#formula-pointer").queryAs(Label.class);
        assertTrue(pointer.getText().contains("x[n=0, c=0, y=1, x=1] = 6"), pointer.getText());

        Canvas in = window.inputView().canvas();
        double[] c = fx(() -> window.inputView().centreOf(0, 1, 1));
        robot.moveTo(screen(in, c[0], c[1]));
        WaitForAsyncUtils.waitForFxEvents();
        hl = model.highlight();
        assertEquals(new Focus.Input(0, 0, 1, 1), hl.focus());
        assertEquals(4, hl.count(), "a 2×2 window at stride 1 copies an inner pixel 4 times");
        assertTrue(pointer.getText().contains("copied into 4 column cells"), pointer.getText());

        double[] pad = fx(() -> window.inputView().centreOf(0, -1, 2));
        robot.moveTo(screen(in, pad[0], pad[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.highlight().padding());
        assertTrue(pointer.getText().startsWith("Padding"), pointer.getText());

        robot.moveTo(screen(in, c[0], c[1])).clickOn();
        assertTrue(model.pinnedProperty().get());
        robot.moveTo(screen(col, b[0] + b[2] / 2, b[1] + b[3] / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Focus.Input(0, 0, 1, 1), model.highlight().focus(), "pinned");
        robot.type(KeyCode.ESCAPE);
        assertFalse(model.pinnedProperty().get());
    }

    @Test
    void theCountBadgeCoversNoCellOfTheInput() throws Exception {
        settle();
        Geometry g = model.frame().geometry();
        for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
            for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                Focus.Input at = new Focus.Input(0, 0, y, x);
                fxRun(() -> model.hover(at));
                WaitForAsyncUtils.waitForFxEvents();
                javafx.geometry.Rectangle2D badge = fx(window.inputView()::badgeBounds);
                assertNotNull(badge, "a badge for " + at);
                double[] c0 = fx(() -> window.inputView().centreOf(0, -g.ph(), -g.pw()));
                double[] c1 = fx(() -> window.inputView().centreOf(0, -g.ph() + 1, -g.pw() + 1));
                double cell = c1[0] - c0[0];
                for (int yy = -g.ph(); yy < g.h() + g.ph(); yy++) {
                    for (int xx = -g.pw(); xx < g.w() + g.pw(); xx++) {
                        double cx = c0[0] + (xx + g.pw()) * cell;
                        double cy = c0[1] + (yy + g.ph()) * cell;
                        assertFalse(badge.intersects(cx - cell / 2 + 1, cy - cell / 2 + 1, cell - 2, cell - 2),
                                "the badge of " + at + " at " + badge + " covers cell (" + yy + ", " + xx + ")");
                    }
                }
            }
        }
    }

    @Test
    void theColumnMatrixCornerTakesPresentationType() throws Exception {
        settle();
        ColumnView view = window.columnView();
        double before = fx(view::cornerFontSize);
        fxRun(() -> window.root().getStyleClass().add("presentation"));
        WaitForAsyncUtils.waitForFxEvents(4);
        fxRun(() -> {
            view.requestLayout();
            view.layout();
        });
        WaitForAsyncUtils.waitForFxEvents(4);
        double after = fx(view::cornerFontSize);
        assertEquals(before * 21 / 15, after, 1e-6, "the corner's axis names grow with presentation mode's type");
        Font corner = Font.font("System", javafx.scene.text.FontWeight.BOLD, after);
        String names = fx(() -> ColumnGrid.of(model.frame().geometry(), model.frame().layout()).colAxes()) + " →";
        assertTrue(HeaderLabels.width(names, corner) + 4 <= fx(view::rowHeaderWidth), "and fit the row header");
        fxRun(() -> window.root().getStyleClass().remove("presentation"));
    }

    @Test
    void keyboardPlaysStepsAndZooms(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> model.seek(5));
        robot.clickOn("#caption-input"); // focus somewhere that does not take arrows itself
        robot.type(KeyCode.RIGHT);
        assertEquals(6, model.position());
        robot.type(KeyCode.LEFT).type(KeyCode.LEFT);
        assertEquals(4, model.position());
        double cell = model.cellSizeProperty().get();
        robot.type(KeyCode.PLUS);
        assertTrue(model.cellSizeProperty().get() > cell);
        robot.type(KeyCode.MINUS);
        assertEquals(cell, model.cellSizeProperty().get(), 1e-9);
        fxRun(() -> model.setSpeed(1));
        robot.type(KeyCode.SPACE);
        assertTrue(model.playingProperty().get());
        robot.type(KeyCode.SPACE);
        assertFalse(model.playingProperty().get());
    }

    @Test
    void signsTypedInAParameterBoxDoNotZoomTheMatrix(FxRobot robot) throws Exception {
        settle();
        double cell = model.cellSizeProperty().get();
        Spinner<?> stride = window.params().spinner(ParamKey.SH);
        robot.clickOn(stride.getEditor()).type(KeyCode.END).type(KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(cell, model.cellSizeProperty().get(), 1e-9, "a minus typed in a box is no zoom");
        robot.type(KeyCode.ADD);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(cell, model.cellSizeProperty().get(), 1e-9, "nor is a plus");
        robot.type(KeyCode.ENTER);
        settle();
        assertEquals(1, model.params().sh(), "text that is no number keeps the value");
        robot.clickOn("#caption-input"); // away from the box the keys zoom again
        robot.type(KeyCode.PLUS);
        assertTrue(model.cellSizeProperty().get() > cell);
    }

    @Test
    void everyControlHasATooltip() throws Exception {
        settle();
        List<String> without = new ArrayList<>();
        fxRun(() -> walk(window.root(), without));
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

    @Test
    void anInvalidWindowIsExplainedInlineAndFixed(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> window.params().slider(ParamKey.KH).setValue(9));
        WaitForAsyncUtils.waitForFxEvents();
        Label banner = robot.lookup("#problem-banner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().contains("larger than the padded input 6 × 6"), banner.getText());
        Label text = robot.lookup("#problem-text").queryAs(Label.class);
        assertTrue(text.isVisible() && text.getText().contains("window is 9 × 9"), text.getText());
        assertTrue(robot.lookup("#play").queryButton().isDisabled());
        keepForReview("invalid-window.png");
        robot.clickOn("#problem-fix");
        settle();
        assertNull(model.problem());
        assertFalse(banner.isVisible());
        assertEquals(9, model.frame().geometry().kh());
        assertEquals(3, model.frame().geometry().ph());
    }

    /** Saves the scene under target/ui-shots for a person to look at; the assertions do not depend on it. */
    private void keepForReview(String name) throws Exception {
        WritableImage img = fx(() -> window.root().getScene().snapshot(null));
        java.nio.file.Path dir = java.nio.file.Path.of("target", "ui-shots");
        java.nio.file.Files.createDirectories(dir);
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                dir.resolve(name).toFile());
    }

    @Test
    void sliderStormDuringPlaybackEndsOnACorrectFrame() throws Exception {
        settle();
        fxRun(() -> {
            model.setSpeed(MainModel.MAX_SPEED);
            model.play();
        });
        Random rnd = new Random(11);
        ParamKey[] keys = ParamKey.values();
        for (int burst = 0; burst < 30; burst++) {
            fxRun(() -> {
                for (int i = 0; i < 10; i++) {
                    ParamKey k = keys[rnd.nextInt(keys.length)];
                    window.params().slider(k).setValue(k.min() + rnd.nextInt(k.max() - k.min() + 1));
                    if (!model.playingProperty().get()) {
                        model.play();
                    }
                }
            });
            Thread.sleep(rnd.nextInt(15));
        }
        fxRun(() -> {
            model.fixProblem();
            window.params().slider(ParamKey.H).setValue(20);
            window.params().slider(ParamKey.W).setValue(20);
        });
        if (model.problem() != null) {
            fxRun(model::fixProblem);
        }
        settle();
        long draws = window.columnView().drawCount();
        WaitForAsyncUtils.waitForFxEvents(3);
        Frame f = model.frame();
        assertNull(model.problem());
        assertEquals(model.params().geometry(), f.geometry());
        assertArrayEquals(expectedColumn(f), f.column());
        assertEquals(f.length(), model.lengthProperty().get());
        assertTrue(model.position() <= f.length());
        Label caption = fx(() -> (Label) window.root().lookup("#caption-column"));
        assertTrue(caption.getText().startsWith("Column matrix  " + f.geometry().patchCount() + " × "),
                caption.getText());
        assertTrue(window.columnView().drawCount() >= draws);
    }

    @Test
    void layoutAndOrderSwitchesRedrawFromTheCore(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#layout-tensor");
        settle();
        Frame f = model.frame();
        assertEquals(Layout.TENSOR, f.layout());
        assertArrayEquals(expectedColumn(f), f.column());
        Geometry g = f.geometry();
        for (int row = 0; row < g.patchCount(); row++) {
            for (int tap = 0; tap < g.patchSize(); tap++) {
                int r = row;
                int t = tap;
                Focus.Column at = fx(() -> {
                    double[] b = window.columnView().cellBounds(r, t);
                    return window.columnView().focusAt(b[0] + b[2] / 2, b[1] + b[3] / 2);
                });
                if (at != null) { // visible: the cell drawn there is the one the layout puts there
                    assertEquals(new Focus.Column(row, tap), at);
                }
            }
        }
        robot.clickOn("#order-thread");
        settle();
        assertEquals(TraceOrder.IM2COL_BY_THREAD, model.frame().order());
        fxRun(() -> model.seek(20));
        WaitForAsyncUtils.waitForFxEvents();
        Move m = model.currentMove();
        Node decomposition = robot.lookup("#formula-decomposition").query();
        assertTrue(decomposition.isVisible());
        Label first = (Label) ((Parent) decomposition).getChildrenUnmodifiable().get(0);
        assertEquals("i = " + m.thread(), first.getText());
        assertEquals(ColumnElement.of(g, m.row(), m.tap()).tensorIndex(g), m.thread());
        Label active = robot.lookup("#code-active").queryAs(Label.class);
        assertEquals(m.padding() ? "    col = 0;" : "    col = img[in_x + w * (in_y + h * c0)];", active.getText());
    }

    /**
     * Before the first step there is no current cell, and the first column keeps its regular label: "0,0,0" for
     * 16 × 16 RGB with a 2 × 2 kernel and padding 1, a label wider than its cell, which was left out as if it
     * were scrolled under the row header.
     */
    @Test
    void theFirstColumnIsLabelledBeforeTheFirstStep() throws Exception {
        settle();
        fxRun(() -> {
            model.set(ParamKey.C, 3);
            model.set(ParamKey.H, 16);
            model.set(ParamKey.KH, 2);
            model.set(ParamKey.PH, 1);
        });
        settle();
        fxRun(() -> model.seek(0));
        WaitForAsyncUtils.waitForFxEvents(3);
        assertNull(model.currentMove());
        Geometry g = model.frame().geometry();
        assertEquals(16, g.w(), "size linked");
        assertEquals(12, g.patchSize());
        double[] b = fx(() -> window.columnView().cellBounds(0, 0));
        WritableImage img = fx(() -> window.columnView().canvas().snapshot(null, null));
        // the header strip above cell (0, 0), inside its lines: ink in it is the label's
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int x = (int) b[0] + 2; x < (int) (b[0] + b[2]) - 2; x++) {
            for (int y = 2; y < (int) b[1] - 2; y++) {
                counts.merge(img.getPixelReader().getArgb(x, y), 1, Integer::sum);
            }
        }
        int background = Collections.max(counts.entrySet(), java.util.Map.Entry.comparingByValue()).getKey();
        Color bg = Color.rgb((background >> 16) & 255, (background >> 8) & 255, background & 255);
        int ink = 0;
        for (var e : counts.entrySet()) {
            int argb = e.getKey();
            if (!close(bg, Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255))) {
                ink += e.getValue();
            }
        }
        assertTrue(ink >= 10, "no label above the first column: " + ink + " pixels of ink");
    }

    /**
     * In the tensor and torch layouts the grid is not (N·OH·OW) × (C·KH·KW): the step's text, the pointer, the
     * caption and the status bar name cells and sizes the way that grid is drawn, with the numbers on its headers.
     */
    @Test
    void tensorAndTorchTextsNameTheCellByTheDrawnGrid(FxRobot robot) throws Exception {
        settle();
        for (Layout layout : new Layout[] {Layout.TENSOR, Layout.TORCH, Layout.ROWS}) {
            fxRun(() -> model.setLayout(layout));
            settle();
            Frame f = model.frame();
            Geometry g = f.geometry();
            assertEquals(layout, f.layout());
            assertEquals(25, g.patchCount(), "the seed's 4 × 4, k2 s1 p1");
            boolean padding = false;
            boolean inside = false;
            for (long at : new long[] {1, 7, 8, 30, 58, f.length()}) {
                fxRun(() -> model.seek(at));
                WaitForAsyncUtils.waitForFxEvents();
                Move m = model.currentMove();
                String name = ExpectedCellNames.name("col", g, layout, m.row(), m.tap());
                String move = robot.lookup("#formula-move").queryAs(Label.class).getText();
                assertTrue(move.startsWith(name + " ← "), layout + " step " + at + ": " + move + " / " + name);
                padding |= m.padding();
                inside |= !m.padding();
            }
            assertTrue(padding && inside, "both kinds of move were named");
            Move m = model.currentMove();
            fxRun(() -> model.togglePin(new Focus.Column(m.row(), m.tap())));
            WaitForAsyncUtils.waitForFxEvents();
            String pointer = robot.lookup("#formula-pointer").queryAs(Label.class).getText();
            assertTrue(pointer.startsWith(ExpectedCellNames.name("col", g, layout, m.row(), m.tap()) + " "), pointer);
            fxRun(() -> model.togglePin(new Focus.Column(m.row(), m.tap())));
            String caption = robot.lookup("#caption-column").queryAs(Label.class).getText();
            String sizes = robot.lookup("#status-sizes").queryAs(Label.class).getText();
            if (layout == Layout.ROWS) {
                assertTrue(caption.startsWith("Column matrix  25 × 4  ·  layout rows"), caption);
                assertTrue(sizes.contains("column 25 × 4  ·"), sizes);
            } else {
                assertTrue(caption.startsWith("Column matrix  " + ExpectedCellNames.caption(g, layout) + "  ·  layout "
                        + layout.label()), caption);
                assertTrue(sizes.contains("column " + ExpectedCellNames.join(layout.shape(g), "×") + "  ·"), sizes);
                assertFalse(caption.contains("25 × 4") || sizes.contains("25 × 4"), caption + " / " + sizes);
            }
        }
    }

    /**
     * By tap, the quoted slab copy is the line that moves the current element: the slab it names starts at the
     * move's own padded input position less its window's offset. With dilation the notebook's loop (slabs at
     * j, i) would copy the wrong taps, so the dilated loop is quoted and its numbers are checked the same way.
     */
    @Test
    void byTapTheQuotedSlabIsTheOneThatCopiesTheMove(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> {
            model.setOrder(TraceOrder.IM2COL_BY_TAP);
            model.set(ParamKey.H, 6);
            model.set(ParamKey.KH, 3);
            model.set(ParamKey.SH, 2);
            model.set(ParamKey.PH, 2);
        });
        for (int d : new int[] {1, 2}) {
            fxRun(() -> model.set(ParamKey.DH, d));
            settle();
            Frame f = model.frame();
            Geometry g = f.geometry();
            assertEquals(d, g.dw(), "dilation linked");
            for (long at : new long[] {1, f.length() / 3, f.length() - 1}) {
                fxRun(() -> model.seek(at));
                WaitForAsyncUtils.waitForFxEvents();
                Move m = model.currentMove();
                ColumnElement e = ColumnElement.of(g, m.row(), m.tap());
                String active = robot.lookup("#code-active").queryAs(Label.class).getText();
                String where = robot.lookup("#formula-where").queryAs(Label.class).getText();
                int rowStart = e.iy() + g.ph() - g.sh() * e.oy(); // the slab's first padded row, from the core
                int colStart = e.ix() + g.pw() - g.sw() * e.ox();
                if (d == 1) {
                    assertEquals("        col[:, :, j, i, :, :] = img[:, :, j:j_lim:SH, i:i_lim:SW]", active);
                    assertTrue(where.startsWith("Here j = " + rowStart + ", i = " + colStart + ":"), where);
                } else {
                    assertEquals("        col[:, :, j, i, :, :] = img[:, :, j * DH:j_lim:SH, i * DW:i_lim:SW]",
                            active);
                    assertTrue(where.startsWith("Here j = " + e.ky() + ", i = " + e.kx() + ":"), where);
                    assertTrue(where.contains("j·DH = " + e.ky() + "·" + d + " = " + rowStart), where);
                    assertTrue(where.contains("i·DW = " + e.kx() + "·" + d + " = " + colStart), where);
                }
                assertTrue(where.contains("tap (ky, kx) = (" + e.ky() + ", " + e.kx() + ")"), where);
            }
        }
    }

    /** Back at step 0 the matrix is empty; the view shows its first row, where the next step writes. */
    @Test
    void theStartShowsTheTopOfTheColumnMatrix() throws Exception {
        settle();
        fxRun(() -> model.set(ParamKey.H, 20));
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get()));
        WaitForAsyncUtils.waitForFxEvents(4);
        double[] first = fx(() -> window.columnView().cellBounds(0, 0));
        double[] last = fx(() -> window.columnView().cellBounds(model.frame().geometry().patchCount() - 1, 0));
        assertTrue(first[1] < 0, "at the end the last rows are in view");
        assertTrue(last[1] + last[3] <= window.columnView().canvas().getHeight() + 0.5);
        fxRun(() -> model.seek(0));
        WaitForAsyncUtils.waitForFxEvents(4);
        double top = fx(() -> window.columnView().cellBounds(0, 0))[1];
        fxRun(() -> model.seek(1));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertEquals(fx(() -> window.columnView().cellBounds(0, 0))[1], top, 1e-9,
                "step 0 shows what step 1 shows: the first row");
        assertTrue(top >= 0);
    }

    @Test
    void koreanLabelsRenderWithTheBundledFont(FxRobot robot) throws Exception {
        settle();
        fxRun(() -> i18n.setLocale(Locale.KOREAN));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Fonts.loadKorean());
        assertTrue(Font.getFamilies().contains(Fonts.KOREAN_FAMILY));
        Label step = robot.lookup("#step-label").queryAs(Label.class);
        assertTrue(step.getText().endsWith("단계"), step.getText());
        assertTrue(window.root().getStyle().contains(Fonts.KOREAN_FAMILY));
        assertNotNull(robot.lookup("#problem-fix").query());
    }
}
