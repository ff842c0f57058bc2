package dev.unfold.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The sample images we drew ourselves (CC0, see assets/samples/LICENSE). The files live in
 * {@code assets/samples/}; Maven copies them onto the class path next to this class, under
 * {@code samples/}, so the app finds them in the jar and in installers alike.
 */
public enum SampleImage {
    DIGIT("digit.png"),
    CHECKERBOARD("checkerboard.png"),
    SMILEY("smiley.png"),
    GRADIENT("gradient.png"),
    EDGE_CARD("edge-card.png");

    private final String fileName;

    SampleImage(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Resource-bundle key of the sample's display name, e.g. {@code sample.edge-card}. */
    public String messageKey() {
        return "sample." + fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** Class-path location, relative to this class. */
    String resource() {
        return "samples/" + fileName;
    }

    /** Decodes the sample; a missing or broken sample is a packaging bug, so it fails unchecked. */
    public BufferedImage image() {
        try (InputStream in = SampleImage.class.getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("sample image " + resource() + " is missing from the class path");
            }
            BufferedImage image = ImageIO.read(in);
            if (image == null) {
                throw new IllegalStateException("sample image " + resource() + " is not a readable PNG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("sample image " + resource() + " cannot be read", e);
        }
    }
}
