package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unfold.core.Geometry;
import dev.unfold.core.ops.Conv2d;
import dev.unfold.cpu.CpuBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the presets the views offer actually hold. */
class PresetsTest {

    @Test
    void inputPresets() {
        Geometry g = Geometry.of(1, 2, 6, 5, 3, 1, 1);
        double[] seed = InputPreset.SEED.fill(g);
        for (int plane = 0; plane < 2; plane++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals((y % 4) * 4 + x % 4 + 1, seed[(plane * 6 + y) * 5 + x], "the seed's 1..16, tiled");
                }
            }
        }
        assertArrayEquals(InputSource.RAMP.fill(g), InputPreset.RAMP.fill(g));
        assertArrayEquals(InputPreset.RANDOM.fill(g), InputPreset.RANDOM.fill(g), "the same every time");
        for (double v : InputPreset.RANDOM.fill(g)) {
            assertEquals(Math.rint(v), v);
            assertEquals(true, v >= 0 && v <= 9);
        }
        assertSame(InputPreset.RAMP, InputPreset.of(EditedInput.of(InputPreset.RAMP).with(new EditedInput.Cell(0, 0, 0, 0), 5)));
        assertSame(InputPreset.RAMP, InputPreset.of(InputSource.RAMP));
        assertNull(InputPreset.of(gg -> new double[gg.inputSize()]));
    }

    @Test
    void editsLandOnTheirCellAndOutsideCellsAreIgnored() {
        Geometry g = Geometry.of(1, 1, 3, 3, 2, 1, 0);
        EditedInput e = EditedInput.of(InputPreset.ONES).with(new EditedInput.Cell(0, 0, 2, 1), -4)
                .with(new EditedInput.Cell(0, 0, 5, 5), 9);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, -4, 1}, e.fill(g));
        assertThrows(IllegalArgumentException.class, () -> e.with(new EditedInput.Cell(0, 0, 0, 0), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EditedInput(e, Map.of()));
    }

    @Test
    void identityWithSamePaddingGivesXBackAndSobelIsSobel() {
        CpuBackend cpu = new CpuBackend(1);
        Geometry g = Geometry.of(2, 3, 6, 7, 3, 1, 1);
        double[] x = InputPreset.RANDOM.fill(g);
        Conv2d conv = new Conv2d(cpu, g, 3);
        assertArrayEquals(x, conv.forward(x, WeightPreset.IDENTITY.fill(g, 3), null), "OC = C, same padding");
        double[] sobelX = WeightPreset.EDGE_X.fill(g, 1);
        assertArrayEquals(new double[] {-1, 0, 1, -2, 0, 2, -1, 0, 1}, java.util.Arrays.copyOf(sobelX, 9));
        double[] sobelY = WeightPreset.EDGE_Y.fill(g, 1);
        assertArrayEquals(new double[] {-1, -2, -1, 0, 0, 0, 1, 2, 1}, java.util.Arrays.copyOf(sobelY, 9));
        for (int i = 9; i < 27; i++) {
            assertEquals(0, sobelX[i], "output channel 0 reads input channel 0 only");
        }
        Geometry even = Geometry.of(1, 1, 4, 4, 2, 1, 0);
        assertArrayEquals(new double[] {-1, 1, -1, 1}, WeightPreset.EDGE_X.fill(even, 1));
        double[] blur = WeightPreset.BOX_BLUR.fill(g, 1);
        assertEquals(1.0 / 9, blur[4]);
        Weights w = Weights.DEFAULT.withOutChannels(2).withWeight(new Weights.Tap(1, 2, 0, 2), 7).withBias(1, 0.5);
        assertEquals(7, w.weight(g)[27 + 18 + 2]);
        assertArrayEquals(new double[] {0, 0.5}, w.bias());
        assertEquals(Map.of(), w.withPreset(WeightPreset.RANDOM).edits(), "a new preset starts without edits");
        assertThrows(IllegalArgumentException.class, () -> Weights.DEFAULT.withOutChannels(9));
    }

    @Test
    void gradientPresets() {
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 1, 1);
        double[] conv = new double[g.columnSize()];
        conv[3] = 42;
        assertArrayEquals(conv, GradientPreset.FROM_CONV.rows(g, conv));
        assertEquals(g.columnSize(), GradientPreset.RAMP.rows(g, conv)[g.columnSize() - 1]);
        double[] oneHot = OutputGradientPreset.ONE_HOT.fill(g, 2);
        assertEquals(1, java.util.Arrays.stream(oneHot).sum());
        assertEquals(1, oneHot[2 * g.ow() + 2], "the middle of the 5 × 5 output of channel 0");
    }
}
