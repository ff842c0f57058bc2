package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the column views put their column labels; the numbers are 16 × 16 RGB, k2 p1 in a 1600 × 960 window. */
class HeaderLabelsTest {

    private static final double HEADER = 99.7;
    private static final double CELL = 30.2;
    private static final double LABEL = 38; // "0,0,0" at 15 px, wider than its cell
    private static final int STEP = 2;

    private static double cx(int k, double scrolled) {
        return HEADER + (k + 0.5) * CELL - scrolled;
    }

    private static double at(int k, int cur, double scrolled) {
        return HeaderLabels.columnLabelX(k, cur, STEP, cx(k, scrolled), CELL, HEADER, LABEL, LABEL, LABEL);
    }

    @Test
    void withNoCurrentCellTheFirstColumnIsLabelledClearOfTheHeaderAndTheNextLabel() {
        double x = at(0, -1, 0);
        assertTrue(!Double.isNaN(x), "the first column's label is drawn");
        assertTrue(x - LABEL / 2 >= HEADER, "it starts right of the row header");
        double next = at(STEP, -1, 0);
        assertEquals(cx(STEP, 0), next, 1e-9, "the next label stays over its column");
        assertTrue(x + LABEL / 2 + HeaderLabels.GAP <= next - LABEL / 2, "and the two do not touch");
        assertTrue(Double.isNaN(at(1, -1, 0)), "every second column only");
    }

    @Test
    void theCurrentLabelIsAlwaysDrawnAndItsNeighboursGiveWay() {
        assertTrue(Double.isNaN(at(0, 1, 0)), "column 0 gives way to current column 1");
        assertTrue(Double.isNaN(at(2, 1, 0)), "and so does column 2");
        assertEquals(cx(1, 0), at(1, 1, 0), 1e-9);
        assertEquals(cx(4, 0), at(4, 1, 0), 1e-9);
        double scrolled = 0.8 * CELL; // column 0 mostly under the row header
        assertEquals(HEADER + HeaderLabels.GAP / 2 + LABEL / 2, at(0, 0, scrolled), 1e-9, "moved right, still drawn");
    }

    @Test
    void aColumnScrolledUnderTheHeaderIsLeftOutWhenItsLabelWouldReachTheNext() {
        assertTrue(Double.isNaN(at(0, -1, 0.8 * CELL)));
        assertTrue(Double.isNaN(at(4, -1, 4.8 * CELL)));
        assertEquals(cx(6, 4.8 * CELL), at(6, -1, 4.8 * CELL), 1e-9);
    }

    @Test
    void aLabelThatTheCurrentOneIsMovedIntoGivesWay() {
        for (double scrolled = 0; scrolled <= 3 * CELL; scrolled += 0.5) {
            for (int cur = 0; cur < 3; cur++) {
                double curX = at(cur, cur, scrolled);
                for (int k = cur + 1; k < cur + 6; k++) {
                    double x = at(k, cur, scrolled);
                    if (!Double.isNaN(x) && cx(cur, scrolled) + LABEL / 2 > HEADER) { // the current label is shown
                        assertTrue(curX + LABEL / 2 + HeaderLabels.GAP <= x - LABEL / 2,
                                "scrolled " + scrolled + ": current " + cur + " at " + curX + " reaches " + k + " at " + x);
                    }
                }
            }
        }
    }
}
