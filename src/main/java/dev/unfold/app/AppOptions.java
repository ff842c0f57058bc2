package dev.unfold.app;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.model.Pair;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.Settings;
import dev.unfold.app.view.AppTheme;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options the window takes: the same parameters as the command line, plus the headless tools
 * {@code --screenshot}, {@code --frame-bench} and {@code --startup-time}. Parsed before the toolkit starts,
 * so a bad option costs one line on stderr and exit code 2, and no window.
 */
@Command(name = "unfold", mixinStandardHelpOptions = true, version = "unfold 0.1.0",
        description = "Opens the Unfold window; with --screenshot renders it to a PNG without a display.",
        footer = {"", "The same jar runs the command-line tools:",
                "  unfold im2col|col2im|info|bench|render ...",
                "'unfold -h' lists them; 'unfold help COMMAND' explains one."})
public final class AppOptions {

    /** A bad option, with the one line to print. */
    public static final class BadOption extends Exception {
        public BadOption(String message) {
            super(message);
        }
    }

    @Option(names = "--screenshot", paramLabel = "PNG", description = "render the main window to this PNG and exit",
            converter = PngName.class)
    Path screenshot;

    /** The picture's file name as typed: a Path drops a trailing separator, and "shots/" would be written as "shots". */
    static final class PngName implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.endsWith("/") || text.endsWith(java.io.File.separator)) {
                throw new CommandLine.TypeConversionException("'" + text + "' names a folder (it ends in '"
                        + text.charAt(text.length() - 1) + "'); give the picture's file name, such as " + text
                        + "unfold.png");
            }
            return new dev.unfold.cli.FileNameConverter().convert(text);
        }
    }

    @Option(names = "--kernel", paramLabel = "K[,K]", description = "kernel size KH[,KW]")
    String kernel;

    @Option(names = "--stride", paramLabel = "S[,S]", description = "stride SH[,SW]")
    String stride;

    @Option(names = "--pad", paramLabel = "P[,P]", description = "padding PH[,PW]")
    String pad;

    @Option(names = "--dilation", paramLabel = "D[,D]", description = "dilation DH[,DW]")
    String dilation;

    @Option(names = "--size", paramLabel = "H[,W]", description = "input size H[,W]")
    String size;

    @Option(names = "--channels", paramLabel = "C", description = "input channels C")
    Integer channels;

    @Option(names = "--batch", paramLabel = "N", description = "batch N")
    Integer batch;

    @Option(names = "--order", paramLabel = "ORDER", description = "animation order: patch, tap or thread")
    String order;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "column layout: rows, tensor or torch")
    String layout;

    @Option(names = "--step", paramLabel = "K", description = "show the state after K moves (default: all)")
    Long step;

    @Option(names = "--backend", paramLabel = "B", description = "auto, cpu or cuda")
    String backend;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or ko")
    String lang;

    @Option(names = "--theme", paramLabel = "THEME", description = "light, dark or high-contrast")
    String theme;

    @Option(names = "--window", paramLabel = "WxH", description = "window size, e.g. 1600x960")
    String window;

    @Option(names = "--frame-bench", description = "animate 64x64, 5x5, stride 1, pad 2 at full speed; print frame times")
    boolean frameBench;

    @Option(names = "--startup-time", description = "print the time from JVM start to the first frame, then exit")
    boolean startupTime;

    @Option(names = "--headless", description = "render without a display (Monocle)")
    boolean headless;

    @CommandLine.Mixin
    ViewOptions viewOptions = new ViewOptions();
    @CommandLine.Mixin
    ClassroomOptions classroom = new ClassroomOptions();

    private Settings settings;
    private Locale locale;
    private AppTheme appTheme = AppTheme.LIGHT;
    private double[] windowSize;
    private boolean helpShown;

    private AppOptions() {
    }

    /** Parses and checks everything that can be checked before a window exists. */
    public static AppOptions parse(String[] args, Settings base) throws BadOption {
        AppOptions o = new AppOptions();
        CommandLine cl = new CommandLine(o);
        cl.registerConverter(Path.class, new dev.unfold.cli.FileNameConverter());
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new BadOption(e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            o.helpShown = true;
            return o;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(System.out);
            o.helpShown = true;
            return o;
        }
        o.resolve(base);
        return o;
    }

    /** True when --help or --version printed and nothing else should happen. */
    public boolean helpShown() {
        return helpShown;
    }

    private void resolve(Settings base) throws BadOption {
        Params p = base.params();
        Set<Pair> linked = EnumSet.copyOf(base.linked().isEmpty() ? EnumSet.allOf(Pair.class) : base.linked());
        p = pair(p, linked, Pair.KERNEL, "--kernel", kernel);
        p = pair(p, linked, Pair.STRIDE, "--stride", stride);
        p = pair(p, linked, Pair.PADDING, "--pad", pad);
        p = pair(p, linked, Pair.DILATION, "--dilation", dilation);
        p = pair(p, linked, Pair.SIZE, "--size", size);
        if (channels != null) {
            p = p.with(ParamKey.C, inRange("--channels", ParamKey.C, channels));
        }
        if (batch != null) {
            p = p.with(ParamKey.N, inRange("--batch", ParamKey.N, batch));
        }
        p = classroom.apply(p);
        if (!p.valid()) {
            throw new BadOption(p.problems().get(0));
        }
        for (Pair pr : Pair.values()) {
            if (!p.square(pr)) {
                linked.remove(pr);
            }
        }
        TraceOrder o = base.order();
        viewOptions.resolve(order);
        if (order != null && viewOptions.view() == dev.unfold.app.model.ViewKind.IM2COL) {
            o = switch (order.toLowerCase(Locale.ROOT)) {
                case "patch" -> TraceOrder.IM2COL_BY_PATCH;
                case "tap" -> TraceOrder.IM2COL_BY_TAP;
                case "thread" -> TraceOrder.IM2COL_BY_THREAD;
                default -> throw new BadOption("unknown order '" + order + "' (expected patch, tap or thread)");
            };
        }
        Layout l = base.layout();
        if (layout != null) {
            try {
                l = Layout.parse(layout);
            } catch (IllegalArgumentException e) {
                throw new BadOption(e.getMessage());
            }
        }
        BackendChoice b = base.backend();
        if (backend != null) {
            try {
                b = BackendChoice.parse(backend);
            } catch (IllegalArgumentException e) {
                throw new BadOption(e.getMessage());
            }
        }
        long length = viewOptions.length(p.geometry(), l);
        if (step != null && (step < 0 || step > length)) {
            throw new BadOption("--step " + step + " is outside 0.." + length + " (this geometry has " + length
                    + " moves)");
        }
        if (lang != null) {
            locale = I18n.supported(lang);
            if (locale == null) {
                throw new BadOption("unknown language '" + lang + "' (expected en or ko)");
            }
        }
        if (theme != null) {
            appTheme = AppTheme.parse(theme);
            if (appTheme == null) {
                throw new BadOption("unknown theme '" + theme + "' (expected light, dark or high-contrast)");
            }
        }
        if (window != null) {
            String[] parts = window.toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                double w = Integer.parseInt(parts[0].trim());
                double h = Integer.parseInt(parts[1].trim());
                if (w < 640 || h < 400 || w > 7680 || h > 4320) {
                    throw new BadOption("--window " + window + " must lie between 640x400 and 7680x4320");
                }
                windowSize = new double[] {w, h};
            } catch (NumberFormatException e) {
                throw new BadOption("--window expects WIDTHxHEIGHT such as 1600x960, got '" + window + "'");
            }
        }
        if (screenshot != null) {
            Path parent = screenshot.toAbsolutePath().getParent();
            try {
                dev.unfold.io.AtomicFiles.checkTarget(screenshot); // a read-only file, a device: before any drawing
            } catch (java.io.IOException e) {
                throw new BadOption("cannot write " + screenshot + ": " + (e instanceof java.nio.file.FileSystemException f
                        && f.getReason() != null ? f.getReason() : dev.unfold.core.FailureText.oneLine(e)));
            }
            if (!Files.isWritable(parent)) {
                throw new BadOption("cannot write " + screenshot + ": folder " + parent + " is not writable");
            }
        }
        settings = new Settings(p, linked, o, l, b, base.speed(), base.cellSize(), base.window(), base.view());
    }

    private static Params pair(Params p, Set<Pair> linked, Pair pair, String name, String text) throws BadOption {
        if (text == null) {
            return p;
        }
        String[] parts = text.split(",", -1);
        if (parts.length < 1 || parts.length > 2) {
            throw new BadOption(name + " expects one number or two separated by a comma, got '" + text + "'");
        }
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadOption(name + " expects whole numbers, got '" + text + "'");
            }
        }
        int h = inRange(name, pair.height(), v[0]);
        int w = inRange(name, pair.width(), v.length == 2 ? v[1] : v[0]);
        if (h == w) {
            linked.add(pair);
        }
        return p.with(pair.height(), h).with(pair.width(), w);
    }

    private static int inRange(String name, ParamKey key, int v) throws BadOption {
        if (v < key.min() || v > key.max()) {
            throw new BadOption(name + " " + v + " is outside " + key.min() + ".." + key.max());
        }
        return v;
    }

    /** The settings with the options applied. */
    public Settings settings() {
        return settings;
    }

    /** The locale asked for, or null for the system's. */
    public Locale locale() {
        return locale;
    }

    public AppTheme theme() {
        return appTheme;
    }

    /** True when --theme was given; otherwise the remembered theme applies. */
    public boolean themeGiven() {
        return theme != null;
    }

    /** Image input, presentation mode, parameter panel, palette. */
    public ClassroomOptions classroom() {
        return classroom;
    }

    /** The window size asked for, or null. */
    public double[] windowSize() {
        return windowSize;
    }

    /** The view to open and the settings of the col2im and GEMM views. */
    public ViewOptions viewOptions() {
        return viewOptions;
    }

    public Path screenshot() {
        return screenshot;
    }

    public Long step() {
        return step;
    }

    public boolean frameBench() {
        return frameBench;
    }

    public boolean startupTime() {
        return startupTime;
    }

    /** True when the toolkit must start without a display. */
    public boolean headless() {
        boolean noDisplay = System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null;
        return screenshot != null || headless || ((frameBench || startupTime) && noDisplay);
    }

}
