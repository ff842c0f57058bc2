package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CellFormatTest {
    @Test
    void cellsRoundToThreeDigitsAndPanelsKeepSix() {
        assertEquals("104", CellFormat.value(103.5));
        assertEquals("103.5", CellFormat.precise(103.5));
        assertEquals("0.333333", CellFormat.precise(1.0 / 3));
        assertEquals("0.25", CellFormat.precise(0.25));
        assertEquals("-7", CellFormat.precise(-7));
        assertEquals("1.00000e-09", CellFormat.precise(1e-9));
    }

    @Test
    void aPreciseValueReadsBackWithinItsSixDigits() {
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(9) - 4);
            double back = Double.parseDouble(CellFormat.precise(v));
            assertEquals(v, back, Math.abs(v) * 5e-6, CellFormat.precise(v));
        }
    }
}
