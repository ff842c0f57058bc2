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

    /** GEMM's y with box-blur weights at 64 × 64 (2729.67 at a border window) went blank: "2.73e+03" fits no cell. */
    @Test
    void aValueOfAThousandOrMoreIsWrittenAsWideAsTheIntegersBesideIt() {
        assertEquals("2730", CellFormat.value(2729.6667));
        assertEquals("2730", CellFormat.compact(2729.6667));
        assertEquals("-1934", CellFormat.value(-1933.6));
        assertEquals("1000", CellFormat.value(999.7));
        assertEquals("-1000", CellFormat.compact(-999.5));
        assertEquals("999", CellFormat.value(999.4));
        assertEquals("1.23e+07", CellFormat.value(12345678.9));
        assertEquals("0.75", CellFormat.compact(0.75));
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
