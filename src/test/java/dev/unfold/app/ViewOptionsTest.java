package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.BackwardChoices;
import dev.unfold.app.model.BackwardComputer;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.FrameComputer;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.MainModel;
import dev.unfold.app.model.OutputGradientPreset;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.model.WeightPreset;
import dev.unfold.core.Backends;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import dev.unfold.core.trace.Traces;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewOptionsTest {

    private static AppOptions parse(String... args) throws AppOptions.BadOption {
        return AppOptions.parse(args, Settings.defaults());
    }

    @Test
    void theCommandLineChangesOnlyWhatItNames() throws Exception {
        Backends backends = new Backends(List.of(new CpuBackendProvider()));
        FrameComputer computer = new FrameComputer(backends);
        MainModel model = new MainModel(backends, computer, r -> { }, Settings.defaults());
        BackwardModel backward = new BackwardModel(model, new BackwardComputer(backends), r -> { });
        try {
            backward.choose(new BackwardChoices(TraceOrder.COL2IM_BY_PIXEL, GradientPreset.RAMP, false, true, 3,
                    WeightPreset.EDGE_X, OutputGradientPreset.ONE_HOT, Product.WEIGHT_GRADIENT)); // remembered
            parse("--view", "col2im", "--heatmap", "--weights", "identity").viewOptions().applyTo(model, backward);
            assertEquals(new BackwardChoices(TraceOrder.COL2IM_BY_PIXEL, GradientPreset.RAMP, true, true, 3,
                    WeightPreset.IDENTITY, OutputGradientPreset.ONE_HOT, Product.WEIGHT_GRADIENT), backward.choices());
            assertEquals(ViewKind.COL2IM, model.view());
            parse("--view", "col2im", "--order", "tap").viewOptions().applyTo(model, backward);
            assertEquals(TraceOrder.COL2IM_BY_TAP, backward.order());
        } finally {
            backward.close();
            computer.close();
        }
    }

    @Test
    void theViewAndItsOrderAndStepRange() throws Exception {
        assertEquals(ViewKind.IM2COL, parse().viewOptions().view());
        assertEquals(ViewKind.GEMM, parse("--view", "gemm", "--product", "weight-gradient", "--weights", "edge-x",
                "--out-grad", "one-hot", "--out-channels", "3").viewOptions().view());
        AppOptions o = parse("--view", "col2im", "--order", "pixel", "--gradient", "conv", "--heatmap");
        assertEquals(ViewKind.COL2IM, o.viewOptions().view());
        assertEquals(TraceOrder.IM2COL_BY_PATCH, o.settings().order(), "--order went to the col2im view");
        // the seed's k2 s2 p1 by pixel: 16 pixels, one window each; the step may go to 16 and no further
        Geometry g = Geometry.of(1, 1, 4, 4, 2, 2, 1);
        assertEquals(16, Traces.of(g, Layout.ROWS, TraceOrder.COL2IM_BY_PIXEL).length());
        parse("--view", "col2im", "--order", "pixel", "--stride", "2", "--step", "16");
        assertThrows(AppOptions.BadOption.class,
                () -> parse("--view", "col2im", "--order", "pixel", "--stride", "2", "--step", "17"));
        parse("--view", "gemm", "--out-channels", "2", "--step", "200"); // 25 rows · 4 taps · 2 channels
        assertThrows(AppOptions.BadOption.class, () -> parse("--view", "gemm", "--out-channels", "2", "--step", "201"));
    }

    @Test
    void badViewOptionsGiveOneLine() {
        String[][] bad = {
                {"--view", "sideways"}, {"--view", "col2im", "--order", "patch"}, {"--view", "gemm", "--order", "tap"},
                {"--order", "pixel"}, {"--gradient", "wavy"}, {"--weights", "sharpen"}, {"--out-channels", "0"},
                {"--out-channels", "9"}, {"--out-grad", "twos"}, {"--product", "inner"}, {"--input", "photo"},
        };
        for (String[] args : bad) {
            AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse(args), String.join(" ", args));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse("--view", "sideways"));
        assertTrue(e.getMessage().contains("im2col, col2im, gemm"), e.getMessage());
    }
}
