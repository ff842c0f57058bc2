package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.ParamKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.input.KeyCode;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A projector at 1024 × 768: in every theme and language, with normal and presentation-sized type, the
 * controls keep their numbers whole and nothing is pushed past the window's edge.
 */
@ExtendWith(ApplicationExtension.class)
class NarrowWindowFxTest extends ClassroomHarness {

    /** The shortest track worth dragging: about a step every 1.6 pixels on H's 1 to 64. */
    private static final double MIN_TRACK = 100;

    @Start
    void start(Stage s) {
        begin(s, 1024, 768);
    }

    /** The input/column split dragged to the edge and back: the matrix squeezed to nothing comes back whole. */
    @Test
    void theColumnMatrixSurvivesBeingSqueezedToNothing() throws Exception {
        settle();
        javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) fx(() -> window.columnView().getParent()
                .getParent().getParent());
        for (double at : new double[] {0.97, 0.999, 0.45}) {
            fxRun(() -> split.setDividerPositions(at));
            WaitForAsyncUtils.waitForFxEvents(4);
        }
        assertTrue(fx(() -> window.columnView().getWidth()) > 200, "the matrix has its room back");
        assertTrue(fx(() -> window.columnView().viewport().getHeight()) > 100, "and shows cells again");
    }

    /** With the seed's example's step counter, the speed's value keeps its place at normal type. */
    @Test
    void theSpeedIsShownAtNormalType() throws Exception {
        settle();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            fxRun(() -> classroom.setLanguage(locale));
            WaitForAsyncUtils.waitForFxEvents(4);
            Labeled value = (Labeled) fx(() -> window.root().lookup("#speed-label"));
            assertTrue(fx(value::isVisible), locale + ": the speed's value gave way");
            assertEquals(fx(value::getText), fx(() -> ((Text) value.lookup(".text")).getText()));
        }
    }

    /**
     * Opened at the last step, the column matrix shows the cell just written whole, although the caption above it
     * wraps to a second line once the window has its size, making the view shorter than when it first followed.
     */
    @Test
    void atTheLastStepTheCurrentCellIsWhollyInView() throws Exception {
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get()));
        WaitForAsyncUtils.waitForFxEvents(4);
        fxRun(() -> {
            ColumnView view = window.columnView();
            dev.unfold.core.trace.Move m = model.currentMove();
            double[] b = view.cellBounds(m.row(), m.tap());
            javafx.geometry.Rectangle2D viewport = view.viewport();
            String where = "cell " + java.util.Arrays.toString(b) + " in " + viewport;
            assertTrue(b[0] >= viewport.getMinX() - 0.5 && b[0] + b[2] <= viewport.getMaxX() + 0.5, where);
            assertTrue(b[1] >= viewport.getMinY() - 0.5 && b[1] + b[3] <= viewport.getMaxY() + 0.5, where);
            // and nothing else covers that part of the canvas
            Bounds cell = view.canvas().localToScene(new javafx.geometry.BoundingBox(b[0], b[1], b[2], b[3]));
            Region transport = (Region) window.root().lookup(".transport-bar");
            double top = transport.localToScene(transport.getLayoutBounds()).getMinY();
            assertTrue(cell.getMaxY() <= top + 0.5, where + " runs under the transport bar at " + top);
        });
    }

    @Test
    void parametersTransportStatusAndFormulaFitInEveryThemeLanguageAndTypeSize() throws Exception {
        settle();
        // the longest step counter the sliders allow for a 64 × 64 input: "step 102,400 / 102,400"
        fxRun(() -> model.setParams(new dev.unfold.app.model.Params(1, 1, 64, 64, 5, 5, 1, 1, 2, 2, 1, 1)));
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get()));
        // made narrow from wide, as a window dragged onto the projector is: the wide arrangement must not stick
        double width = fx(() -> stage.getWidth());
        fxRun(() -> stage.setWidth(1600));
        WaitForAsyncUtils.waitForFxEvents(4);
        fxRun(() -> stage.setWidth(width));
        WaitForAsyncUtils.waitForFxEvents(4);
        List<String> problems = new ArrayList<>();
        for (boolean large : new boolean[] {false, true}) {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            for (AppTheme theme : AppTheme.values()) {
                fxRun(() -> {
                    classroom.setLanguage(locale);
                    classroom.setTheme(theme);
                    // presentation mode's large type, in this window rather than full screen
                    window.root().getStyleClass().remove("presentation");
                    if (large) {
                        window.root().getStyleClass().add("presentation");
                    }
                });
                WaitForAsyncUtils.waitForFxEvents(4);
                // the captions relabel when the frame's texts are rebuilt, which a busy machine may not have done yet
                boolean korean = locale.equals(Locale.KOREAN);
                WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> fx(() -> korean
                        == ((Labeled) window.root().lookup("#caption-column")).getText().chars()
                        .anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3)));
                WaitForAsyncUtils.waitForFxEvents(4);
                String where = theme + " " + locale + (large ? " large type" : "") + ": ";
                fxRun(() -> {
                    BorderPane root = (BorderPane) window.root();
                    Bounds right = root.getRight().localToScene(root.getRight().getLayoutBounds());
                    if (right.getMaxX() > root.getScene().getWidth() + 0.5) {
                        problems.add(where + "the formula panel ends at " + right.getMaxX() + ", past the window's "
                                + root.getScene().getWidth());
                    }
                    ScrollPane left = (ScrollPane) ((BorderPane) window.root()).getLeft();
                    Bounds viewport = left.localToScene(left.getViewportBounds());
                    for (String row : List.of("#row-n", "#row-c", "#row-h", "#row-kh", "#row-sh", "#row-ph", "#row-dh")) {
                        Node box = window.root().lookup(row);
                        Bounds b = box.localToScene(box.getLayoutBounds());
                        if (b.getMaxX() > viewport.getMaxX() + 0.5) {
                            problems.add(where + row + " ends at " + b.getMaxX() + ", past the panel's "
                                    + viewport.getMaxX());
                        }
                    }
                    for (String id : List.of("#step-label", "#speed-label", "#status-compute", "#status-sizes",
                            "#caption-input", "#caption-column")) {
                        Labeled l = (Labeled) window.root().lookup(id);
                        if (!l.isVisible()) {
                            continue; // given way: the speed's slider stays
                        }
                        String shown = ((Text) l.lookup(".text")).getText();
                        if (!shown.equals(l.getText())) {
                            problems.add(where + id + " shows '" + shown + "' for '" + l.getText() + "'");
                        }
                    }
                    Region transport = (Region) window.root().lookup(".transport-bar");
                    for (Node n : transport.getChildrenUnmodifiable()) {
                        if (n.isManaged() && n.getBoundsInParent().getMaxX() > transport.getWidth() + 0.5) {
                            problems.add(where + n + " runs past the transport bar");
                        }
                    }
                });
            }
        }
        }
        assertEquals(List.of(), problems);
        stillResponsive();
    }

    /** Every parameter's slider keeps a track a teacher can drag, inside the panel, at both type sizes. */
    @Test
    void everyParameterSliderKeepsATrack() throws Exception {
        settle();
        fxRun(() -> {
            for (dev.unfold.app.model.Pair p : dev.unfold.app.model.Pair.values()) {
                model.setLinked(p, false); // every slider shown
            }
        });
        List<String> problems = new ArrayList<>();
        for (boolean large : new boolean[] {false, true}) {
            for (AppTheme theme : AppTheme.values()) {
                large(large);
                fxRun(() -> classroom.setTheme(theme));
                WaitForAsyncUtils.waitForFxEvents(4);
                String where = theme + (large ? " large type" : "") + ": ";
                fxRun(() -> {
                    ScrollPane left = (ScrollPane) ((BorderPane) window.root()).getLeft();
                    Bounds viewport = left.lookup(".viewport").localToScene(
                            left.lookup(".viewport").getLayoutBounds());
                    for (ParamKey key : ParamKey.values()) {
                        Slider slider = window.params().slider(key);
                        Region track = (Region) slider.lookup(".track");
                        Bounds b = track.localToScene(track.getLayoutBounds());
                        if (b.getWidth() < MIN_TRACK) {
                            problems.add(where + key + "'s track is " + b.getWidth() + " wide");
                        }
                        if (b.getMinX() < viewport.getMinX() - 0.5 || b.getMaxX() > viewport.getMaxX() + 0.5) {
                            problems.add(where + key + "'s track runs from " + b.getMinX() + " to " + b.getMaxX()
                                    + ", past the panel's " + viewport.getMinX() + " to " + viewport.getMaxX());
                        }
                    }
                });
            }
        }
        large(false);
        assertEquals(List.of(), problems);
    }

    /** A kernel typed too large for the input: the fix is in sight without scrolling, and said once. */
    @Test
    void theFixForAnInvalidKernelIsInSight(FxRobot robot) throws Exception {
        for (boolean large : new boolean[] {false, true}) {
            settle();
            large(large);
            WaitForAsyncUtils.waitForFxEvents(4);
            robot.doubleClickOn("#spinner-KH .text-field");
            robot.push(KeyCode.CONTROL, KeyCode.A).write("7").push(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents(4);
            String where = large ? "large type: " : "";
            assertEquals(7, (int) fx(() -> model.params().kh()), where + "the kernel was not typed");
            fxRun(() -> {
                ScrollPane left = (ScrollPane) ((BorderPane) window.root()).getLeft();
                Node viewport = left.lookup(".viewport");
                Bounds v = viewport.localToScene(viewport.getLayoutBounds());
                Node fix = window.root().lookup("#problem-fix");
                Bounds b = fix.localToScene(fix.getLayoutBounds());
                assertTrue(fix.isVisible() && v.contains(b), where + "the fix at " + b + " is outside " + v);
                Labeled link = (Labeled) fix;
                assertEquals(link.getText(), ((Text) fix.lookup(".text")).getText(), where + "the fix is cut");
                String text = ((Labeled) window.root().lookup("#problem-text")).getText();
                assertEquals(1, text.split("\n").length, where + "two axes with the same numbers: " + text);
            });
            robot.clickOn("#problem-fix");
            settle();
            assertEquals(null, fx(model::problem));
            fxRun(() -> model.setParams(dev.unfold.app.model.Params.SEED));
        }
        large(false);
        stillResponsive();
    }

    /** Presentation mode's large type, in this window rather than full screen. */
    private void large(boolean on) {
        fxRun(() -> {
            window.root().getStyleClass().remove("presentation");
            if (on) {
                window.root().getStyleClass().add("presentation");
            }
        });
    }

    /** The seed's 2 × 2 kernel: every dot product of the GEMM view has four terms, all of them in view. */
    @Test
    void theSeedsFourTermDotProductIsShownWholeAt1024() throws Exception {
        settle();
        dev.unfold.app.model.BackwardModel backward = window.deck().backward();
        fxRun(() -> {
            model.setView(dev.unfold.app.model.ViewKind.GEMM);
            backward.setOutChannels(1);
        });
        GemmView view = window.deck().gemm().view();
        for (dev.unfold.app.model.Product product : List.of(dev.unfold.app.model.Product.FORWARD, dev.unfold.app.model.Product.COLUMN_GRADIENT)) {
            fxRun(() -> backward.setProduct(product));
            settle();
            fxRun(() -> model.seek(1)); // the first term of the first output: row 0 and term 0 in view
            settle();
            dev.unfold.app.model.BackwardFrame f = backward.frame();
            int k = product.k(f);
            for (int t = 0; t < k; t++) {
                int term = t;
                assertNotNull(fx(() -> view.cellBounds(GemmView.Role.A, 0, term)), product + ": term " + t + " of " + k + " hidden");
                assertNotNull(fx(() -> view.cellBounds(GemmView.Role.B, term, 0)), product + ": term " + t + " of " + k + " hidden");
            }
            assertNotNull(fx(() -> view.cellBounds(GemmView.Role.C, 3, 0)), product + ": at least four rows stay");
        }
    }

    /** The seed's 4 × 4 in the col2im view: each pixel says how many of its windows have added to it. */
    @Test
    void theCol2imPixelsShowTheirCountsAt1024() throws Exception {
        settle();
        fxRun(() -> model.setView(dev.unfold.app.model.ViewKind.COL2IM));
        settle();
        fxRun(() -> model.seek(5));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertTrue(fx(() -> window.deck().col2im().gradientView().showsCounts()),
                "the pixels of the seed's example are drawn without their k/count at 1024 × 768");
        // the pixel being added to as well, under the current step's colour: the seventh move of the scatter by
        // tap adds tap (0, 0) of a window in the second row, its first contribution to a pixel of the top row
        fxRun(() -> model.seek(7));
        WaitForAsyncUtils.waitForFxEvents(4);
        assertEquals("1/4", fx(() -> window.deck().col2im().gradientView().moveCount()));
    }
}
