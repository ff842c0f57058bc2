package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.Geometries;
import dev.unfold.core.Geometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plan takes the padded-row loops for ordinary windows and the general loops for far-out ones. */
class LoopPlanTest {

    @Test
    void ordinaryWindowsUsePaddedRows() {
        for (Geometry g : new Geometry[] {
            new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1),
            new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1),
            new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2),
            Geometry.of(1, 1, 4, 4, 2, 2, 2)}) {
            LoopPlan plan = new LoopPlan(g);
            assertTrue(plan.paddedRows && plan.paddedImage && plan.phasedRows, g.toString());
        }
    }

    @Test
    void farOutWindowsUseTheGeneralLoops() {
        // a 3×3 input with 200000 padding and stride: padded rows would be 10⁵ times the data
        LoopPlan plan = new LoopPlan(new Geometry(1, 2, 3, 3, 2, 2, 200_000, 200_000, 200_000, 200_000, 1, 1));
        assertFalse(plan.paddedRows);
        assertFalse(plan.paddedImage);
        assertFalse(plan.phasedRows);
    }

    @Test
    void theTestGeneratorReachesBothKinds() {
        Random r = new Random(1);
        int general = 0;
        for (int i = 0; i < 200; i++) {
            LoopPlan plan = new LoopPlan(Geometries.farOut(r, 60_000));
            general += plan.paddedRows && plan.paddedImage && plan.phasedRows ? 0 : 1;
        }
        assertTrue(general > 50, general + " of 200 far-out geometries take a general loop");
    }

    @Test
    void stridedIm2colTakesTheTapColumnsWhereTheyAreSmallerThanTheOutput() {
        assertTrue(new LoopPlan(new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1)).tapColumns, "the ResNet stem");
        // a 1×1 kernel with stride 3 reads a ninth of the rows: copying every padded row first would cost more
        assertFalse(new LoopPlan(new Geometry(1, 2, 30, 30, 1, 1, 3, 3, 0, 0, 1, 1)).tapColumns);
        // and the property tests' generator reaches both strided im2col loops
        Random r = new Random(2);
        int columns = 0;
        int rows = 0;
        for (int i = 0; i < 2000; i++) {
            Geometry g = Geometries.draw(r, 60_000);
            LoopPlan plan = new LoopPlan(g);
            if (g.sw() > 1 && plan.phasedRows) {
                columns += plan.tapColumns ? 1 : 0;
                rows += plan.tapColumns ? 0 : 1;
            }
        }
        assertTrue(columns > 100 && rows > 100, columns + " strided geometries with tap columns, " + rows + " without");
    }
}
