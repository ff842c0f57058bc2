package dev.unfold.export;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes one view, already drawn at 1×, 2× or 3× by the caller, as a PNG. The scale goes into the file's
 * pHYs chunk as {@code 96 · scale} dots per inch, so slide programs place a 2× export at the same size as
 * a 1× one, only sharper.
 */
public final class PngExport {
    /** Dots per inch of one logical pixel, JavaFX's unit on a standard screen. */
    public static final int BASE_DPI = 96;
    public static final int MAX_SCALE = 8;
    private static final String NATIVE_FORMAT = "javax_imageio_png_1.0";

    private final UnaryOperator<OutputStream> filter;

    public PngExport() {
        this(UnaryOperator.identity());
    }

    /**
     * {@code filter} wraps the stream of every file written: a byte counter, say, or in tests a disk that
     * runs full part way.
     */
    public PngExport(UnaryOperator<OutputStream> filter) {
        this.filter = filter;
    }

    public void write(BufferedImage image, int scale, Path target) throws ExportException {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale " + scale + " is outside 1.." + MAX_SCALE);
        }
        FileExport.write(target, filter, out -> encode(image, BASE_DPI * scale, out));
    }

    /**
     * Encodes {@code image} as PNG into {@code out}, with a pHYs chunk when {@code dotsPerInch} is positive.
     * The stream is cached in memory, not in a temporary file as ImageIO's default would, and not closed.
     */
    static void encode(RenderedImage image, int dotsPerInch, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = null;
            if (dotsPerInch > 0) {
                metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
                metadata.mergeTree(NATIVE_FORMAT, physicalSize(dotsPerInch));
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The pHYs chunk in the plugin's own format: the standard tree's HorizontalPixelSize comes out of
     * the JDK 17 PNG writer inverted (0.26 mm per pixel is stored as 265 pixels per metre).
     */
    private static IIOMetadataNode physicalSize(int dotsPerInch) {
        String perMetre = Long.toString(Math.round(dotsPerInch / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode(NATIVE_FORMAT);
        root.appendChild(phys);
        return root;
    }
}
