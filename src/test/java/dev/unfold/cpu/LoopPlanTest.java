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
}
