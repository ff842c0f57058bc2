package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.ViewKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Presentation mode on a projector at 1024 × 768, in English and Korean: the tool bar keeps to two rows, the
 * speed and the backend stay readable, and the column matrix's headers and the input's numbers take the larger
 * type; the same window at normal type keeps its words.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectorPresentationFxTest extends ClassroomHarness {

    @Start
    void start(Stage s) {
        begin(s, 1024, 768);
    }

    @Test
    void theToolBarKeepsToTwoRowsInEveryViewAndLanguage() throws Exception {
        settle();
        List<String> problems = new ArrayList<>();
        for (boolean large : new boolean[] {false, true}) {
            presenting(large);
            for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
                fxRun(() -> classroom.setLanguage(locale));
                for (ViewKind view : ViewKind.values()) {
                    fxRun(() -> model.setView(view));
                    WaitForAsyncUtils.waitForFxEvents(6);
                    String where = locale + " " + view + (large ? " presentation" : "") + ": ";
                    fxRun(() -> {
                        TopBar bar = (TopBar) window.root().lookup(".top-bar");
                        double row = 0;
                        for (Node n : bar.getChildren()) {
                            if (n.isManaged()) {
                                row = Math.max(row, n.prefHeight(-1));
                            }
                        }
                        double most = bar.snappedTopInset() + bar.snappedBottomInset() + 2 * row + bar.getVgap();
                        if (bar.getHeight() > most + 0.5) {
                            problems.add(where + "the tool bar is " + bar.getHeight() + " high, more than two rows ("
                                    + most + ")");
                        }
                        for (Node n : bar.getChildren()) {
                            if (n.isManaged() && n.getBoundsInParent().getMaxX() > bar.getWidth() + 0.5) {
                                problems.add(where + n + " runs past the tool bar");
                            }
                        }
                        if (!large && !bar.wordsShown()) {
                            problems.add(where + "normal type lost the words Order, Layout, Backend");
                        }
                    });
                }
            }
        }
        presenting(false);
        fxRun(() -> model.setView(ViewKind.IM2COL));
        assertEquals(List.of(), problems);
    }

    @Test
    void theSpeedAndTheBackendStayReadable() throws Exception {
        settle();
        presenting(true);
        List<String> problems = new ArrayList<>();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            for (ViewKind view : ViewKind.values()) {
                fxRun(() -> {
                    classroom.setLanguage(locale);
                    model.setView(view);
                });
                WaitForAsyncUtils.waitForFxEvents(6);
                String where = locale + " " + view + ": ";
                fxRun(() -> {
                    Labeled speed = (Labeled) window.root().lookup("#speed-label");
                    if (!speed.isVisible()) {
                        problems.add(where + "the speed's value gave way");
                    } else if (!shown(speed).equals(speed.getText())) {
                        problems.add(where + "the speed shows '" + shown(speed) + "'");
                    }
                    Labeled backend = (Labeled) window.root().lookup("#status-backend");
                    if (!backend.isVisible() || !shown(backend).equals(backend.getText())) {
                        problems.add(where + "the backend shows '" + shown(backend) + "' for '" + backend.getText()
                                + "'");
                    }
                    Tooltip tip = backend.getTooltip();
                    String whole = ((StatusLine) window.root().lookup("#status")).backendTexts()[1];
                    if (tip == null || !tip.getText().equals(whole) || !whole.contains(backend.getText())) {
                        problems.add(where + "the tooltip does not hold the whole backend text '" + whole + "'");
                    }
                });
            }
        }
        presenting(false);
        fxRun(() -> model.setView(ViewKind.IM2COL));
        assertEquals(List.of(), problems);
    }

    /** Where the bar shows the word "Speed", it stands clear of the step counter's bold numbers. */
    @Test
    void theWordSpeedStandsApartFromTheStepCounter() throws Exception {
        settle();
        presenting(true);
        double width = fx(stage::getWidth);
        double height = fx(stage::getHeight);
        fxRun(() -> {
            stage.setWidth(1920);
            stage.setHeight(1080);
        });
        WaitForAsyncUtils.waitForFxEvents(6);
        try {
            double[] gap = fx(() -> {
                javafx.scene.Node step = window.root().lookup("#step-label");
                javafx.scene.Node word = window.root().lookup(".speed-word");
                Text text = (Text) word.lookup(".text");
                return new double[] {word.isVisible() ? 1 : 0, text.localToScene(text.getBoundsInLocal()).getMinX()
                        - step.localToScene(step.getBoundsInLocal()).getMaxX()};
            });
            assertTrue(gap[0] == 1, "at 1920 the bar has room for the word");
            assertTrue(gap[1] >= 12, "the word is " + gap[1] + " px after the step counter");
        } finally {
            presenting(false);
            fxRun(() -> {
                stage.setWidth(width);
                stage.setHeight(height);
            });
            WaitForAsyncUtils.waitForFxEvents(6);
        }
    }

    @Test
    void headersAndNumbersTakeThePresentationType() throws Exception {
        settle();
        fxRun(() -> model.seek(model.lengthProperty().get()));
        WaitForAsyncUtils.waitForFxEvents(4);
        double[] normal = sizes();
        presenting(true);
        double[] large = sizes();
        presenting(false);
        assertTrue(normal[0] <= 17, "normal type's headers: " + normal[0]);
        assertTrue(large[0] > 20, "presentation headers stay at " + large[0] + " px (normal " + normal[0] + ")");
        assertTrue(large[1] > normal[1], "the matrix's numbers: " + large[1] + " against " + normal[1]);
        assertTrue(large[2] > normal[2] * 1.2, "the input's numbers: " + large[2] + " against " + normal[2]);
        assertEquals(normal[0], sizes()[0], "leaving presentation mode restores the headers");
    }

    /**
     * On a wide screen the formula panel widens with presentation mode's type, so that OH and OW fit on one line
     * each again; at 1024 it keeps its width while the parameters are shown, the views having none to spare, and
     * with them hidden, or at 1280, it widens as far as the formulas need to take two lines instead of three.
     */
    @Test
    void theFormulaPanelWidensWithTheTypeWhereThereIsRoom() throws Exception {
        settle();
        javafx.scene.layout.Region right = fx(() -> (javafx.scene.layout.Region)
                ((javafx.scene.layout.BorderPane) window.root()).getRight());
        double narrow = fx(right::getWidth);
        presenting(true);
        double width = fx(stage::getWidth);
        double height = fx(stage::getHeight);
        try {
            assertEquals(narrow, fx(right::getWidth), 0.5, "at 1024 with the parameters the views keep their width");
            assertTrue(formulaLines() > 2, "and the formulas take " + formulaLines() + " lines");
            fxRun(() -> window.paramsShownProperty().set(false));
            WaitForAsyncUtils.waitForFxEvents(6);
            assertEquals(2, formulaLines(), "at 1024 without the parameters, the panel " + fx(right::getWidth));
            double views = fx(() -> window.viewArea().getLayoutBounds().getWidth());
            assertTrue(views >= MainWindow.PRESENTING_VIEWS_LEAST, "the views keep " + views);
            fxRun(() -> window.paramsShownProperty().set(true));
            fxRun(() -> {
                stage.setWidth(1280);
                stage.setHeight(800);
            });
            WaitForAsyncUtils.waitForFxEvents(6);
            assertEquals(2, formulaLines(), "at 1280, the panel " + fx(right::getWidth));
            fxRun(() -> {
                stage.setWidth(1920);
                stage.setHeight(1080);
            });
            WaitForAsyncUtils.waitForFxEvents(6);
            assertTrue(fx(right::getWidth) > 560, "at 1920 the panel is " + fx(right::getWidth));
            assertEquals(1, formulaLines(), "at 1920, the panel " + fx(right::getWidth));
            presenting(false);
            assertTrue(fx(right::getWidth) <= 410.5, "normal type keeps 410: " + fx(right::getWidth));
        } finally {
            presenting(false);
            fxRun(() -> {
                window.paramsShownProperty().set(true);
                stage.setWidth(width);
                stage.setHeight(height);
            });
            WaitForAsyncUtils.waitForFxEvents(6);
        }
    }

    /** The most lines any of OH and OW, symbolic and worked out, takes in the formula panel. */
    private int formulaLines() throws Exception {
        pulses(); // the type or the width changed just before: styled and laid out, not as they were
        return fx(() -> {
            int most = 0;
            for (Node n : window.formula().getChildren()) {
                if (n instanceof Labeled l && l.getStyleClass().contains("mono")) {
                    Text text = (Text) l.lookup(".text");
                    Text one = new Text("X");
                    one.setFont(text.getFont());
                    most = Math.max(most, (int) Math.round(text.getLayoutBounds().getHeight()
                            / one.getLayoutBounds().getHeight()));
                    assertEquals(FormulaPanel.PRESENTING_MONO, text.getFont().getSize(), 1e-9,
                            "the formulas' presentation size, as the panel measures them");
                }
            }
            return most;
        });
    }

    /**
     * A column matrix wider than its view (C = 3, 5 × 5 kernel: 75 columns) in presentation type: wherever it is
     * scrolled, a label kept whole at the right edge does not run into the label before it.
     */
    @Test
    void theColumnLabelsAtTheRightEdgeDoNotOverlap() throws Exception {
        settle();
        fxRun(() -> {
            model.set(dev.unfold.app.model.ParamKey.C, 3);
            model.set(dev.unfold.app.model.ParamKey.H, 8);
            model.set(dev.unfold.app.model.ParamKey.W, 8);
            model.set(dev.unfold.app.model.ParamKey.KH, 5);
            model.set(dev.unfold.app.model.ParamKey.KW, 5);
        });
        settle();
        presenting(true);
        List<String> problems = new ArrayList<>();
        try {
            ColumnView view = window.columnView();
            javafx.scene.control.ScrollBar hbar = fx(() -> view.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.control.ScrollBar b
                            && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .map(n -> (javafx.scene.control.ScrollBar) n).findFirst().orElseThrow());
            for (int step : new int[] {1, 40}) {
                fxRun(() -> model.seek(step));
                WaitForAsyncUtils.waitForFxEvents(4);
                double max = fx(hbar::getMax);
                assertTrue(max > 0, "the matrix is wider than its view");
                for (double v = 0; v <= Math.min(max, 400); v += 3) {
                    double at = v;
                    List<javafx.geometry.Rectangle2D> labels = fx(() -> {
                        hbar.setValue(at);
                        view.drawIfDirty();
                        return view.columnLabelBounds();
                    });
                    // every label against the one before it: at the right edge one is kept whole inside the
                    // view, at the row header the current one is moved off it
                    for (int i = 1; i < labels.size(); i++) {
                        if (labels.get(i).getMinX() < labels.get(i - 1).getMaxX()) {
                            problems.add("step " + step + ", scrolled " + at + ": " + labels.get(i - 1) + " and "
                                    + labels.get(i));
                        }
                    }
                }
            }
        } finally {
            presenting(false);
        }
        assertEquals(List.of(), problems);
    }

    /**
     * col2im's gcol in presentation type at 1024 × 768, in English and Korean: its headers take the larger type as
     * the im2col view's matrix does, and at every step, scrolled wherever, no column label runs into another; as
     * the view follows the current cell no column label is cut by the view's edge or runs over the corner, and
     * no row label runs out of the row header.
     */
    @Test
    void theGradColumnHeadersTakeThePresentationTypeWhole() throws Exception {
        settle();
        GradColumnView view = fx(() -> window.deck().col2im().columnView());
        fxRun(() -> model.setView(ViewKind.COL2IM));
        waitFor(20, () -> window.deck().ready());
        double normal = fx(() -> {
            view.drawIfDirty();
            return view.headerFontSize();
        });
        presenting(true);
        List<String> problems = new ArrayList<>();
        try {
            javafx.scene.control.ScrollBar hbar = fx(() -> view.getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.control.ScrollBar b
                            && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                    .map(n -> (javafx.scene.control.ScrollBar) n).findFirst().orElseThrow());
            for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
                fxRun(() -> classroom.setLanguage(locale));
                waitFor(20, () -> window.deck().ready());
                double[] large = fx(() -> {
                    view.drawIfDirty();
                    return new double[] {view.headerFontSize(), view.cellBounds(0, 0)[3]};
                });
                assertTrue(large[0] > 20, "gcol's headers stay at " + large[0] + " px (normal " + normal + ")");
                assertEquals(Math.min(17, large[1] / 2) * MainWindow.PRESENTING_TYPE, large[0], 1e-6,
                        "as the im2col view's matrix sets them for " + large[1] + " px cells");
                long length = fx(() -> model.lengthProperty().get());
                for (long step : new long[] {1, 7, 40, 61, length}) {
                    fxRun(() -> model.seek(step));
                    WaitForAsyncUtils.waitForFxEvents(4);
                    String where = locale + ", step " + step + ": ";
                    fxRun(() -> {
                        view.drawIfDirty();
                        double header = view.rowHeaderWidth();
                        double w = view.canvasWidth();
                        for (javafx.geometry.Rectangle2D l : view.columnLabelBounds()) {
                            if (l.getMinX() < header || l.getMaxX() > w) {
                                problems.add(where + "column label " + l + " outside " + header + " to " + w);
                            }
                        }
                        javafx.scene.text.Font corner = javafx.scene.text.Font.font("System",
                                javafx.scene.text.FontWeight.BOLD, view.cornerFontSize());
                        ColumnGrid grid = ColumnGrid.of(model.frame().geometry(), model.frame().layout());
                        for (String axes : List.of(grid.colAxes() + " →", grid.rowAxes() + " ↓")) {
                            if (HeaderLabels.width(axes, corner) + 4 > header) {
                                problems.add(where + "the corner's '" + axes + "' runs past the header " + header);
                            }
                        }
                        List<javafx.geometry.Rectangle2D> rows = view.rowLabelBounds();
                        for (int i = 0; i < rows.size(); i++) {
                            if (rows.get(i).getMinX() < 0 || rows.get(i).getMaxX() > header) {
                                problems.add(where + "row label " + rows.get(i) + " outside the header " + header);
                            }
                            if (i > 0 && rows.get(i).getMinY() < rows.get(i - 1).getMaxY()) {
                                problems.add(where + "row labels " + rows.get(i - 1) + " and " + rows.get(i));
                            }
                        }
                    });
                    double max = fx(hbar::getMax);
                    for (double v = 0; v <= max; v += 3) {
                        double at = v;
                        List<javafx.geometry.Rectangle2D> labels = fx(() -> {
                            hbar.setValue(at);
                            view.drawIfDirty();
                            return view.columnLabelBounds();
                        });
                        for (int i = 1; i < labels.size(); i++) {
                            if (labels.get(i).getMinX() < labels.get(i - 1).getMaxX()) {
                                problems.add(where + "scrolled " + at + ": " + labels.get(i - 1) + " and "
                                        + labels.get(i));
                            }
                        }
                    }
                }
            }
        } finally {
            presenting(false);
            fxRun(() -> {
                classroom.setLanguage(Locale.ENGLISH);
                model.setView(ViewKind.IM2COL);
            });
        }
        assertEquals(List.of(), problems);
    }

    /**
     * col2im at 1024 × 768: gcol takes more than its usual share where gx can spare it without making its pixels
     * smaller (they keep their counts), so that with the parameters hidden it shows all of the seed's four
     * columns in presentation type too, and three whole ones beside them; a divider the lecturer has pressed
     * stays where it is put.
     */
    @Test
    void theCol2imSplitGivesGcolWhatGxCanSpare() throws Exception {
        settle();
        Col2imPane pane = fx(() -> window.deck().col2im());
        fxRun(() -> model.setView(ViewKind.COL2IM));
        waitFor(20, () -> window.deck().ready());
        javafx.scene.control.SplitPane split = fx(() -> (javafx.scene.control.SplitPane) pane.lookup(".split-pane"));
        GradColumnView gcol = pane.columnView();
        List<String> problems = new ArrayList<>();
        try {
            for (boolean large : new boolean[] {false, true}) {
                presenting(large);
                for (boolean params : new boolean[] {true, false}) {
                    fxRun(() -> window.paramsShownProperty().set(params));
                    WaitForAsyncUtils.waitForFxEvents(6);
                    String where = (large ? "presentation" : "normal") + (params ? "" : ", parameters hidden") + ": ";
                    fxRun(() -> {
                        gcol.drawIfDirty();
                        pane.gradientView().drawIfDirty();
                        double cell = gcol.cellBounds(0, 0)[2];
                        double shown = (gcol.canvasWidth() - gcol.rowHeaderWidth()) / cell;
                        if (!pane.gradientView().showsCounts()) {
                            problems.add(where + "gx's pixels lost their counts");
                        }
                        if (large && params ? shown < 3 : shown < 4) {
                            problems.add(where + "gcol shows " + shown + " of its 4 columns");
                        }
                    });
                }
            }
            // pressed, the divider stays put when the window changes
            javafx.scene.Node divider = fx(() -> split.lookup(".split-pane-divider"));
            fxRun(() -> {
                javafx.geometry.Bounds b = divider.localToScene(divider.getLayoutBounds());
                javafx.event.Event.fireEvent(divider, new javafx.scene.input.MouseEvent(
                        javafx.scene.input.MouseEvent.MOUSE_PRESSED, b.getCenterX() - b.getMinX(), 5,
                        b.getCenterX(), b.getMinY() + 5, javafx.scene.input.MouseButton.PRIMARY, 1, false, false,
                        false, false, true, false, false, false, false, false, null));
                split.setDividerPosition(0, 0.3);
            });
            fxRun(() -> window.paramsShownProperty().set(true));
            WaitForAsyncUtils.waitForFxEvents(6);
            assertEquals(0.3, fx(() -> split.getDividerPositions()[0]), 1e-3, "the lecturer's divider stays");
        } finally {
            presenting(false);
            fxRun(() -> {
                window.paramsShownProperty().set(true);
                model.setView(ViewKind.IM2COL);
            });
        }
        assertEquals(List.of(), problems);
    }

    /**
     * A large input (2 × 4 × 64 × 64) at 1024 × 768: gx's pixels are at their least size, 1 px, even at the usual
     * share, too small to keep their counts anyway. Taking width from gx cannot make them any smaller, so the
     * measure "keeps its pixels" says nothing there: gcol does not take gx's width, and gx stays in view.
     */
    @Test
    void aLargeInputLeavesGxItsShare() throws Exception {
        settle();
        Col2imPane pane = fx(() -> window.deck().col2im());
        fxRun(() -> model.setView(ViewKind.COL2IM));
        waitFor(20, () -> window.deck().ready());
        fxRun(() -> model.setParams(new dev.unfold.app.model.Params(2, 4, 64, 64, 2, 2, 1, 1, 1, 1, 1, 1)));
        try {
            waitFor(30, () -> fx(() -> window.deck().ready()
                    && window.deck().backward().frame().geometry().n() == 2));
            WaitForAsyncUtils.waitForFxEvents(6);
            javafx.scene.control.SplitPane split =
                    fx(() -> (javafx.scene.control.SplitPane) pane.lookup(".split-pane"));
            double position = fx(() -> split.getDividerPositions()[0]);
            double gx = fx(() -> pane.gradientView().getWidth());
            double whole = fx(() -> split.getWidth());
            assertTrue(position < 0.5 && gx > 0.4 * whole, "gcol took gx's width: the divider at " + position
                    + ", gx " + gx + " px of " + whole);
        } finally {
            fxRun(() -> {
                model.setParams(dev.unfold.app.model.Params.SEED);
                model.setView(ViewKind.IM2COL);
            });
        }
    }

    /** The column matrix's header and value type and the input's value type, as last drawn. */
    private double[] sizes() throws Exception {
        fxRun(() -> {
            window.columnView().drawIfDirty();
            window.inputView().drawIfDirty();
        });
        return fx(() -> new double[] {window.columnView().headerFontSize(), window.columnView().valueFontSize(),
                window.inputView().cellAndValueSize()[1]});
    }

    private static String shown(Labeled l) {
        return ((Text) l.lookup(".text")).getText();
    }

    /** Presentation mode's type and zoom, in this window rather than full screen (as {@link Presentation} sets them). */
    private void presenting(boolean on) {
        fxRun(() -> {
            boolean now = window.root().getStyleClass().contains("presentation");
            if (now == on) {
                return;
            }
            if (on) {
                window.root().getStyleClass().add("presentation");
                model.setCellSize(model.cellSizeProperty().get() * Presentation.ZOOM);
            } else {
                window.root().getStyleClass().remove("presentation");
                model.setCellSize(model.cellSizeProperty().get() / Presentation.ZOOM);
            }
        });
        pulses();
        WaitForAsyncUtils.waitForFxEvents(6);
    }
}
