package dev.unfold.app.model;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Keeps {@link Settings} in java.util.prefs. Anything unreadable, out of range or inconsistent falls back to
 * its default, field by field, and parameters that do not form a geometry fall back as a whole: a damaged
 * preference file must never keep the window from opening.
 */
public final class SettingsStore {

    private final Preferences node;

    public SettingsStore(Preferences node) {
        this.node = node;
    }

    /** The application's own node. */
    public static SettingsStore user() {
        return new SettingsStore(Preferences.userRoot().node("dev/unfold/app"));
    }

    public Settings load() {
        Settings d = Settings.defaults();
        try {
            Params p = Params.SEED;
            for (ParamKey k : ParamKey.values()) {
                int v = readInt("param." + k.name(), Params.SEED.get(k));
                p = p.with(k, v == k.clamp(v) ? v : Params.SEED.get(k));
            }
            if (!p.valid()) {
                // left invalid at quit (a window larger than the input, say): the window's own fix, which keeps
                // the other numbers, rather than the seed example in place of them all
                Params fixed = ParamProblem.of(p).fix(p);
                p = fixed.valid() ? fixed : Params.SEED;
            }
            Set<Pair> linked = EnumSet.noneOf(Pair.class);
            for (Pair pair : Pair.values()) {
                if (readBoolean("linked." + pair.name(), true) && p.square(pair)) {
                    linked.add(pair);
                }
            }
            TraceOrder order = readEnum("order", TraceOrder.class, d.order());
            if (!order.im2col()) {
                order = d.order();
            }
            Layout layout = readEnum("layout", Layout.class, d.layout());
            BackendChoice backend = readEnum("backend", BackendChoice.class, d.backend());
            double speed = readDouble("speed", d.speed(), 0.5, 100_000);
            double cell = readDouble("cellSize", d.cellSize(), 4, 96);
            Settings.WindowBounds wd = Settings.WindowBounds.DEFAULT;
            double w = readDouble("window.width", wd.width(), 640, 10_000);
            double h = readDouble("window.height", wd.height(), 400, 10_000);
            double x = readDouble("window.x", Double.NaN, -20_000, 20_000);
            double y = readDouble("window.y", Double.NaN, -20_000, 20_000);
            boolean max = readBoolean("window.maximized", false);
            ViewKind view = readEnum("view", ViewKind.class, d.view());
            return new Settings(p, linked, order, layout, backend, speed, cell,
                    new Settings.WindowBounds(x, y, w, h, max), view);
        } catch (RuntimeException e) { // IllegalStateException for a removed node, SecurityException, …
            return d;
        }
    }

    public void save(Settings s) {
        try {
            for (ParamKey k : ParamKey.values()) {
                node.putInt("param." + k.name(), s.params().get(k));
            }
            for (Pair pair : Pair.values()) {
                node.putBoolean("linked." + pair.name(), s.linked().contains(pair));
            }
            node.put("order", s.order().name());
            node.put("layout", s.layout().name());
            node.put("backend", s.backend().name());
            node.putDouble("speed", s.speed());
            node.putDouble("cellSize", s.cellSize());
            Settings.WindowBounds b = s.window();
            node.putDouble("window.width", b.width());
            node.putDouble("window.height", b.height());
            if (Double.isFinite(b.x()) && Double.isFinite(b.y())) {
                node.putDouble("window.x", b.x());
                node.putDouble("window.y", b.y());
            }
            node.putBoolean("window.maximized", b.maximized());
            node.put("view", s.view().name());
            node.flush();
        } catch (BackingStoreException | RuntimeException e) {
            // remembering is a convenience: an unwritable store must not disturb the lesson
        }
    }

    /** The col2im and GEMM views' choices, each falling back to its default when unreadable or out of range. */
    public BackwardChoices loadBackward() {
        BackwardChoices d = BackwardChoices.defaults();
        try {
            TraceOrder order = readEnum("backward.order", TraceOrder.class, d.order());
            int oc = readInt("backward.outChannels", d.outChannels());
            return new BackwardChoices(order.im2col() ? d.order() : order,
                    readEnum("backward.gradient", GradientPreset.class, d.gradient()),
                    readBoolean("backward.heatMap", d.heatMap()),
                    readBoolean("backward.roundTrip", d.roundTrip()),
                    oc >= 1 && oc <= Weights.MAX_OUT_CHANNELS ? oc : d.outChannels(),
                    readEnum("backward.weights", WeightPreset.class, d.weights()),
                    readEnum("backward.outputGradient", OutputGradientPreset.class, d.outputGradient()),
                    readEnum("backward.product", Product.class, d.product()));
        } catch (RuntimeException e) {
            return d;
        }
    }

    public void saveBackward(BackwardChoices c) {
        try {
            node.put("backward.order", c.order().name());
            node.put("backward.gradient", c.gradient().name());
            node.putBoolean("backward.heatMap", c.heatMap());
            node.putBoolean("backward.roundTrip", c.roundTrip());
            node.putInt("backward.outChannels", c.outChannels());
            node.put("backward.weights", c.weights().name());
            node.put("backward.outputGradient", c.outputGradient().name());
            node.put("backward.product", c.product().name());
            node.flush();
        } catch (BackingStoreException | RuntimeException e) {
            // as in save: remembering must not disturb the lesson
        }
    }

    private int readInt(String key, int fallback) {
        String s = node.get(key, null);
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private double readDouble(String key, double fallback, double min, double max) {
        String s = node.get(key, null);
        if (s == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(s.trim());
            return Double.isFinite(v) && v >= min && v <= max ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private boolean readBoolean(String key, boolean fallback) {
        String s = node.get(key, null);
        if ("true".equalsIgnoreCase(s)) {
            return true;
        }
        return "false".equalsIgnoreCase(s) ? false : fallback;
    }

    private <E extends Enum<E>> E readEnum(String key, Class<E> type, E fallback) {
        String s = node.get(key, null);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
