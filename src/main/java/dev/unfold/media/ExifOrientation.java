package dev.unfold.media;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG: cameras and phones store the sensor's pixels as they were read and record in
 * a tag how to turn them upright, so a portrait photo decodes sideways unless the tag is applied. ImageIO does
 * not apply it; metadata-extractor reads it from the header segments, before any pixel is decoded.
 */
public enum ExifOrientation {
    /** The values 1 to 8 of EXIF tag 0x0112, in order: how the stored image maps onto the upright one. */
    NORMAL, MIRROR_HORIZONTAL, ROTATE_180, MIRROR_VERTICAL, TRANSPOSE, ROTATE_90_CW, TRANSVERSE, ROTATE_270_CW;

    /**
     * The orientation recorded in the JPEG that {@code in} holds, read from the stream's current position, which
     * is restored afterwards. A missing, unknown or unreadable tag is {@link #NORMAL}: damaged metadata should
     * not cost the picture, whose own damage the decoder reports.
     */
    public static ExifOrientation of(ImageInputStream in) throws IOException {
        long start = in.getStreamPosition();
        try {
            Metadata m = JpegMetadataReader.readMetadata(asStream(in), List.of(new ExifReader()));
            ExifIFD0Directory d = m.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (d == null || !d.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return NORMAL;
            }
            int tag = d.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
        } catch (JpegProcessingException | MetadataException | IOException | RuntimeException e) {
            return NORMAL;
        } finally {
            in.seek(start);
        }
    }

    /** Whether the upright image is the stored one turned a quarter: its width is the stored height. */
    public boolean swapsSides() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /** The upright image: {@code stored} itself when nothing is to be done, else a new RGB(A) image. */
    public BufferedImage apply(BufferedImage stored) {
        if (this == NORMAL) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        int uw = swapsSides() ? h : w;
        int uh = swapsSides() ? w : h;
        BufferedImage upright = new BufferedImage(uw, uh,
                stored.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        // the packed pixels of an INT_RGB/ARGB image are getRGB's values: write them straight into its array
        int[] out = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
        // read in bands of rows through Pixels, which keeps grey levels as stored (getRGB brightens them)
        int bandRows = Math.max(1, (1 << 16) / w);
        int[] band = null;
        for (int y = 0; y < h; y++) {
            if (y % bandRows == 0) {
                band = Pixels.argb(stored, 0, y, w, Math.min(bandRows, h - y));
            }
            int row = y % bandRows * w;
            for (int x = 0; x < w; x++) {
                // where stored pixel (x, y) lands in the upright image
                int ux;
                int uy;
                switch (this) {
                    case MIRROR_HORIZONTAL -> { ux = w - 1 - x; uy = y; }
                    case ROTATE_180 -> { ux = w - 1 - x; uy = h - 1 - y; }
                    case MIRROR_VERTICAL -> { ux = x; uy = h - 1 - y; }
                    case TRANSPOSE -> { ux = y; uy = x; }
                    case ROTATE_90_CW -> { ux = h - 1 - y; uy = x; }
                    case TRANSVERSE -> { ux = h - 1 - y; uy = w - 1 - x; }
                    case ROTATE_270_CW -> { ux = y; uy = w - 1 - x; }
                    default -> throw new AssertionError(this);
                }
                out[uy * uw + ux] = band[row + x];
            }
        }
        return upright;
    }

    private static InputStream asStream(ImageInputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }
        };
    }
}
