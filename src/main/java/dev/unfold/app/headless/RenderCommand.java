package dev.unfold.app.headless;

import dev.unfold.app.AppOptions;
import dev.unfold.app.UnfoldApp;
import dev.unfold.app.model.Settings;
import dev.unfold.app.model.ViewKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code unfold render}: the window's animation export from the command line, drawn headless by the real
 * window (Monocle, as {@code --screenshot}). Every window option of {@code --screenshot} applies (kernel,
 * stride, size, image, theme, language, presentation…); they are checked before the toolkit starts, so a
 * bad one costs one line and exit code 2.
 */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = dev.unfold.cli.Version.class,
        header = "Render a view's animation to an animated GIF or numbered PNGs, without a display.",
        description = "Takes the window options of --screenshot as well: --kernel, --stride, --pad, --dilation, "
                + "--size, --channels, --batch, --order (patch, tap or thread; tap or pixel with --view col2im), "
                + "--layout, --input, --lang, --theme, --window, --image, --image-mode, --framing, --palette, "
                + "--presentation, --hide-params, and the views' --gradient, --heatmap, --roundtrip, --product, "
                + "--weights, --out-channels, --out-grad.",
        footer = {"", "Example: unfold render --out seed.gif --kernel 2 --pad 1 --size 4 --fps 8 --scale 2"})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "anim.gif|FOLDER",
            description = "a .gif file, or a folder (new, or holding an earlier render's frames) for frame_0001.png …")
    Path out;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "im2col", description = "which view to animate "
            + "(default: ${DEFAULT-VALUE})")
    String view;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "4", description = "GIF frames per second, 1 to 50 "
            + "(default: ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1", description = "1, 2 or 3 pixels per screen "
            + "pixel, for sharp slides (default: ${DEFAULT-VALUE})")
    int scale;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "" + 400, description = "at most N frames; a longer "
            + "animation is sampled evenly, first and last move kept (default: ${DEFAULT-VALUE})")
    int frames;

    @Unmatched
    List<String> windowOptions = new ArrayList<>();

    @Override
    public Integer call() {
        ViewKind kind = Arrays.stream(ViewKind.values())
                .filter(v -> v.name().toLowerCase(Locale.ROOT).equals(view.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> bad("unknown view '" + view + "' (expected " + Arrays.stream(ViewKind.values())
                        .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")"));
        if (fps < 1 || fps > 50) {
            throw bad("--fps " + fps + " is outside 1..50");
        }
        if (scale < 1 || scale > 3) {
            throw bad("--scale " + scale + " is outside 1..3");
        }
        if (frames < 2 || frames > 10_000) {
            throw bad("--frames " + frames + " is outside 2..10000");
        }
        Render.Job job = new Render.Job(kind, out.toAbsolutePath().normalize(), fps, scale, frames);
        Path parent = job.out().getParent();
        if (parent == null) {
            throw bad("cannot write " + out + ": name a file or folder inside a folder");
        }
        if (!Files.isDirectory(parent)) {
            throw bad("cannot write " + out + ": " + (Files.exists(parent) ? parent + " is a file, not a folder"
                    : "the folder " + parent + " does not exist"));
        }
        if (job.gif() && Files.isDirectory(job.out())) {
            throw bad("cannot write " + out + ": it is a folder; name a .gif file");
        }
        if (job.gif()) {
            try {
                dev.unfold.io.AtomicFiles.checkTarget(job.out()); // a read-only file or a device: before any drawing
            } catch (java.io.IOException e) {
                throw bad("cannot write " + out + ": " + (e instanceof java.nio.file.FileSystemException f
                        && f.getReason() != null ? f.getReason() : dev.unfold.core.FailureText.oneLine(e)));
            }
        }
        if (!job.gif() && Files.exists(job.out()) && !Files.isDirectory(job.out())) {
            throw bad("cannot write frames into " + out + ": it is a file; name a .gif file or a folder");
        }
        AppOptions options;
        try {
            // with the view, so that --order is read as that view's order (tap or pixel for col2im)
            List<String> args = new ArrayList<>(List.of("--view", kind.name().toLowerCase(Locale.ROOT)));
            args.addAll(windowOptions);
            options = AppOptions.parse(args.toArray(String[]::new), Settings.defaults());
        } catch (AppOptions.BadOption e) {
            throw bad(e.getMessage());
        }
        if (options.screenshot() != null || options.frameBench() || options.startupTime() || options.step() != null) {
            throw bad("render draws every step itself; --screenshot, --step, --frame-bench and --startup-time "
                    + "do not apply");
        }
        // before the toolkit starts: Monocle's headless screen, the size of the window, and the software renderer
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        double[] size = options.windowSize();
        System.setProperty("headless.geometry", size == null ? "1600x960-32"
                : (int) size[0] + "x" + (int) size[1] + "-32");
        System.setProperty("java.awt.headless", "true");
        UnfoldApp.launchRender(options, job); // exits the process when done
        return 0;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
