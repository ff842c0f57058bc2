package dev.unfold.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.util.EnumSet;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsStoreTest {

    private final Preferences node = Preferences.userRoot().node("dev/unfold/test/" + System.nanoTime());

    @AfterEach
    void removeNode() throws Exception {
        node.removeNode();
    }

    @Test
    void remembersWhatWasSaved() {
        Params p = new Params(2, 3, 9, 7, 3, 2, 2, 1, 1, 0, 1, 2);
        Settings s = new Settings(p, EnumSet.of(Pair.SIZE), TraceOrder.IM2COL_BY_THREAD, Layout.TORCH,
                BackendChoice.CPU, 123, 22, new Settings.WindowBounds(10, 20, 1300, 900, true), ViewKind.GEMM);
        SettingsStore store = new SettingsStore(node);
        store.save(s);
        Settings back = store.load();
        assertEquals(p, back.params());
        assertEquals(EnumSet.noneOf(Pair.class), back.linked(), "SIZE is not square (9×7), so it cannot stay linked");
        assertEquals(TraceOrder.IM2COL_BY_THREAD, back.order());
        assertEquals(Layout.TORCH, back.layout());
        assertEquals(BackendChoice.CPU, back.backend());
        assertEquals(123, back.speed());
        assertEquals(new Settings.WindowBounds(10, 20, 1300, 900, true), back.window());
        assertEquals(ViewKind.GEMM, back.view());
    }

    @Test
    void emptyStoreGivesDefaults() {
        assertEquals(Settings.defaults(), new SettingsStore(node).load());
    }

    @Test
    void corruptValuesFallBackOneByOne() {
        node.put("param.KH", "three");
        node.put("param.H", "9");
        node.put("param.W", "9");
        node.put("param.SH", "-4");
        node.put("order", "SIDEWAYS");
        node.put("layout", "COL2IM_BY_PIXEL");
        node.put("speed", "NaN");
        node.put("window.width", "1e300");
        node.put("window.x", "left");
        node.put("linked.KERNEL", "maybe");
        Settings s = new SettingsStore(node).load();
        assertEquals(Params.SEED.with(ParamKey.H, 9).with(ParamKey.W, 9), s.params());
        assertEquals(TraceOrder.IM2COL_BY_PATCH, s.order());
        assertEquals(Layout.ROWS, s.layout());
        assertEquals(Settings.DEFAULT_SPEED, s.speed());
        assertEquals(Settings.WindowBounds.DEFAULT.width(), s.window().width());
        assertTrue(Double.isNaN(s.window().x()));
        assertTrue(s.linked().contains(Pair.KERNEL));
    }

    @Test
    void parametersLeftWithoutAConvolutionComeBackFixedAsTheWindowFixesThem() {
        // quit while the window was larger than the input: the padding that makes it fit, the rest as they were
        node.putInt("param.N", 2);
        node.putInt("param.C", 3);
        node.putInt("param.H", 2);
        node.putInt("param.W", 2);
        node.putInt("param.KH", 11);
        node.putInt("param.KW", 11);
        node.putInt("param.PH", 0);
        node.putInt("param.PW", 0);
        Settings s = new SettingsStore(node).load();
        assertTrue(s.params().valid());
        assertEquals(new Params(2, 3, 2, 2, 11, 11, 1, 1, 5, 5, 1, 1), s.params());
    }

    @Test
    void aRemovedNodeNeverThrows() throws Exception {
        Preferences gone = Preferences.userRoot().node("dev/unfold/test/gone" + System.nanoTime());
        gone.removeNode();
        SettingsStore store = new SettingsStore(gone);
        assertEquals(Settings.defaults(), store.load());
        store.save(Settings.defaults()); // must not throw
        assertFalse(Settings.defaults().params().equals(new Params(1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1)));
    }

    @Test
    void remembersTheBackwardViewsChoices() {
        BackwardChoices c = new BackwardChoices(TraceOrder.COL2IM_BY_PIXEL, GradientPreset.FROM_CONV, true, true, 3,
                WeightPreset.EDGE_Y, OutputGradientPreset.ONE_HOT, Product.WEIGHT_GRADIENT);
        SettingsStore store = new SettingsStore(node);
        assertEquals(BackwardChoices.defaults(), store.loadBackward(), "nothing saved yet");
        store.saveBackward(c);
        assertEquals(c, store.loadBackward());
        assertEquals(Settings.defaults(), store.load(), "the main settings are kept apart");
    }

    @Test
    void corruptBackwardChoicesFallBackOneByOne() {
        node.put("backward.order", "IM2COL_BY_PATCH"); // an im2col order: not the col2im view's
        node.put("backward.gradient", "RANDOM");
        node.put("backward.heatMap", "perhaps");
        node.put("backward.roundTrip", "true");
        node.put("backward.outChannels", "99");
        node.put("backward.weights", "SHARPEN");
        node.put("backward.outputGradient", "");
        node.put("backward.product", "column_gradient");
        BackwardChoices d = BackwardChoices.defaults();
        assertEquals(new BackwardChoices(d.order(), GradientPreset.RANDOM, d.heatMap(), true, d.outChannels(),
                d.weights(), d.outputGradient(), Product.COLUMN_GRADIENT), new SettingsStore(node).loadBackward());
    }
}
