package dev.unfold.media;

import dev.unfold.core.FailureText;
import dev.unfold.media.ImageImportException.Reason;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Opens PNG, JPEG, GIF and BMP images without trusting them. The size an image declares in its header is
 * checked against a pixel limit before a single pixel is decoded, so a small file that claims to be
 * 100000 × 100000 pixels (a decompression bomb) is refused instead of filling the memory. Every failure
 * is an {@link ImageImportException} whose message is one line naming the file. A JPEG comes back upright: the
 * orientation its camera recorded (EXIF) is applied.
 */
public final class ImageImporter {
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    /** Extensions for file choosers and drag and drop, lower case without the dot. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "bmp");

    /** ImageIO format names of the readers we accept, lower case. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

    private final long maxPixels;

    public ImageImporter() {
        this(DEFAULT_MAX_PIXELS);
    }

    public ImageImporter(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit " + maxPixels + " is below 1");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** Opens {@code file} and returns it as the input tensor {@code (1, C, height, width)}. */
    public ImageTensor load(Path file, int height, int width, ColorMode mode, Framing framing)
            throws ImageImportException {
        return toTensor(read(file), height, width, mode, framing);
    }

    /** Resizes an already decoded image to the input size and reads it as a tensor. */
    public static ImageTensor toTensor(BufferedImage image, int height, int width, ColorMode mode, Framing framing) {
        return ImageResizer.resize(image, height, width, framing).inMode(mode);
    }

    /** Decodes the first image in {@code file} at its own size. */
    public BufferedImage read(Path file) throws ImageImportException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new ImageImportException(Reason.NO_SUCH_FILE, null, name);
        }
        if (Files.isDirectory(file)) {
            throw new ImageImportException(Reason.FOLDER, null, name);
        }
        if (!Files.isReadable(file)) {
            throw new ImageImportException(Reason.PERMISSION_DENIED, null, name);
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageImportException(Reason.EMPTY, null, name);
            }
        } catch (IOException e) {
            throw new ImageImportException(Reason.UNREADABLE, e, name, reason(e));
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            return decode(in, name);
        } catch (FileNotFoundException e) {
            throw new ImageImportException(Reason.CANNOT_OPEN, e, name, reason(e));
        } catch (IOException e) {
            throw new ImageImportException(Reason.UNREADABLE, e, name, reason(e));
        }
    }

    /**
     * Decodes the first image in {@code in}, for images that arrive as a stream (dragged from a browser,
     * bundled as a resource); {@code name} is what messages call it. The stream is not closed.
     */
    public BufferedImage read(InputStream in, String name) throws ImageImportException {
        try (ImageInputStream images = new MemoryCacheImageInputStream(in)) {
            if (images.read() < 0) {
                throw new ImageImportException(Reason.EMPTY, null, name);
            }
            images.seek(0);
            return decode(images, name);
        } catch (IOException e) {
            throw new ImageImportException(Reason.UNREADABLE, e, name, reason(e));
        }
    }

    private BufferedImage decode(ImageInputStream in, String name) throws ImageImportException {
        ImageReader reader = supportedReader(in);
        if (reader == null) {
            throw new ImageImportException(Reason.NOT_AN_IMAGE, null, name);
        }
        try {
            ExifOrientation orientation = "jpeg".equals(formatName(reader)) ? ExifOrientation.of(in)
                    : ExifOrientation.NORMAL;
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                // Readers parse only the header to answer these: nothing is decoded yet.
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IndexOutOfBoundsException e) {
                throw new ImageImportException(Reason.NO_IMAGE, e, name);
            }
            if (width <= 0 || height <= 0) {
                throw new ImageImportException(Reason.NO_PIXELS, null, name, Integer.toString(width),
                        Integer.toString(height));
            }
            if ((long) width * height > maxPixels) {
                throw new ImageImportException(Reason.TOO_LARGE, null, name, Integer.toString(width),
                        Integer.toString(height), megapixels((long) width * height), megapixels(maxPixels));
            }
            List<String> damage = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                // libjpeg reports a cut-off file as a warning and fills the rest with grey.
                String text = warning.toLowerCase(Locale.ROOT);
                if (text.contains("truncat") || text.contains("premature end")) {
                    damage.add(warning);
                }
            });
            BufferedImage image = reader.read(0, reader.getDefaultReadParam());
            if (!damage.isEmpty()) {
                String warning = damage.get(0).strip().replaceAll("\\s+", " ");
                throw new ImageImportException(Reason.TRUNCATED, null, name, FailureText.clause(warning));
            }
            return orientation.apply(image);
        } catch (IIOException | java.io.EOFException e) {
            throw new ImageImportException(Reason.TRUNCATED, e, name, reason(e));
        } catch (IOException e) {
            throw new ImageImportException(Reason.UNREADABLE, e, name, reason(e));
        } catch (RuntimeException e) {
            // Some decoders fail on malformed data with unchecked exceptions (array indices, illegal arguments).
            throw new ImageImportException(Reason.DAMAGED, e, name);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader supportedReader(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader candidate = readers.next();
            if (chosen == null && FORMATS.contains(formatName(candidate))) {
                chosen = candidate;
            } else {
                candidate.dispose();
            }
        }
        return chosen;
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    static String megapixels(long pixels) {
        double mp = pixels / 1e6;
        return mp >= 10 ? String.format(Locale.ROOT, "%.0f", mp)
                : String.format(Locale.ROOT, "%.1f", mp).replaceAll("\\.0$", "");
    }

    /**
     * The innermost message of an exception chain, which usually says what really went wrong, as
     * {@link FailureText#oneLine} puts it; a chain without one is a stream that ended early.
     */
    private static String reason(Throwable e) {
        Throwable innermost = FailureText.innermost(e);
        return innermost == null ? "unexpected end of file" : FailureText.clause(FailureText.oneLine(innermost));
    }
}
