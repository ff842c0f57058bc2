package dev.unfold.app;

import dev.unfold.app.model.ImageInput;
import dev.unfold.app.model.ParamKey;
import dev.unfold.app.model.Params;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import dev.unfold.media.ImageImportException;
import dev.unfold.media.ImageImporter;
import dev.unfold.media.SampleImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The window options of the classroom features, mixed into {@link AppOptions}: an image as the input,
 * presentation mode, the parameter panel and the palette. With them {@code --screenshot} and {@code render}
 * show a lesson as it will be projected. The image is opened while the options are checked, so a file that
 * cannot be used is a bad option: one line, exit 2, no window.
 */
public final class ClassroomOptions {

    @Option(names = "--image", paramLabel = "FILE",
            description = "use an image as the input: a PNG, JPEG, GIF or BMP file, or sample:NAME "
                    + "(digit, checkerboard, smiley, gradient, edge-card)")
    String image;

    @Option(names = "--image-mode", paramLabel = "MODE", description = "gray (C=1) or rgb (C=3); default: gray for "
            + "a grey picture, rgb otherwise")
    String imageMode;

    @Option(names = "--framing", paramLabel = "F", description = "crop (default) or stretch")
    String framing;

    @Option(names = "--presentation", description = "presentation mode: full screen, large type, zoomed in")
    boolean presentation;

    @Option(names = "--hide-params", description = "hide the parameter panel")
    boolean hideParams;

    @Option(names = "--palette", paramLabel = "P", description = "standard or colour-blind (Okabe-Ito)")
    String palette;

    private ImageInput input;
    private Boolean colourBlindSafe;

    /** Checks the options and opens the image; returns the params with the image's channel count. */
    Params apply(Params p) throws AppOptions.BadOption {
        if (palette != null) {
            colourBlindSafe = switch (palette.toLowerCase(Locale.ROOT)) {
                case "standard" -> false;
                case "colour-blind", "color-blind", "colourblind", "colorblind" -> true;
                default -> throw new AppOptions.BadOption("unknown palette '" + palette
                        + "' (expected standard or colour-blind)");
            };
        }
        Framing f = Framing.CROP;
        if (framing != null) {
            f = switch (framing.toLowerCase(Locale.ROOT)) {
                case "crop" -> Framing.CROP;
                case "stretch" -> Framing.STRETCH;
                default -> throw new AppOptions.BadOption("unknown framing '" + framing + "' (expected crop or stretch)");
            };
        }
        ColorMode mode = null;
        if (imageMode != null) {
            mode = switch (imageMode.toLowerCase(Locale.ROOT)) {
                case "gray", "grey", "grayscale", "greyscale" -> ColorMode.GRAYSCALE;
                case "rgb", "colour", "color" -> ColorMode.RGB;
                default -> throw new AppOptions.BadOption("unknown image mode '" + imageMode + "' (expected gray or rgb)");
            };
        }
        if (image == null) {
            if (imageMode != null || framing != null) {
                throw new AppOptions.BadOption((imageMode != null ? "--image-mode" : "--framing")
                        + " needs --image");
            }
            return p;
        }
        String name;
        BufferedImage picture;
        if (image.startsWith("sample:")) {
            SampleImage s = sample(image.substring("sample:".length()));
            name = s.fileName();
            picture = s.image();
        } else {
            Path file = Path.of(image);
            name = file.getFileName() == null ? image : file.getFileName().toString();
            try {
                picture = new ImageImporter().read(file);
            } catch (ImageImportException e) {
                throw new AppOptions.BadOption(e.getMessage());
            }
        }
        if (mode == null) {
            mode = grey(picture) ? ColorMode.GRAYSCALE : ColorMode.RGB;
        }
        input = ImageInput.of(name, picture, mode, f);
        return p.with(ParamKey.C, mode.channels());
    }

    private static SampleImage sample(String name) throws AppOptions.BadOption {
        for (SampleImage s : SampleImage.values()) {
            if (s.fileName().equalsIgnoreCase(name) || s.fileName().equalsIgnoreCase(name + ".png")) {
                return s;
            }
        }
        throw new AppOptions.BadOption("unknown sample '" + name + "' (expected " + Arrays.stream(SampleImage.values())
                .map(s -> s.fileName().replace(".png", "")).collect(Collectors.joining(", ")) + ")");
    }

    private static boolean grey(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (((p >> 16) & 0xff) != ((p >> 8) & 0xff) || ((p >> 8) & 0xff) != (p & 0xff)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The image input asked for, or null. */
    public ImageInput input() {
        return input;
    }

    public boolean presentation() {
        return presentation;
    }

    public boolean hideParams() {
        return hideParams;
    }

    /** True or false when --palette was given, else null (the remembered choice applies). */
    public Boolean colourBlindSafe() {
        return colourBlindSafe;
    }
}
