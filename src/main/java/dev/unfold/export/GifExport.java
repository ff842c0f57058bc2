package dev.unfold.export;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
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
 * Writes an animation as an animated GIF through ImageIO's GIF writer. Each frame gets its own palette
 * from the writer's octree quantiser: a frame of up to 256 colours, which is what flat UI colours give,
 * keeps every colour exactly; anti-aliased edges beyond that are merged without dithering. Transparent
 * parts of frames are laid on white.
 */
public final class GifExport {
    /** Browsers stretch shorter GIF delays to 0.1 s; two hundredths is the shortest they honour. */
    public static final Duration MIN_DELAY = Duration.ofMillis(20);
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final int delayHundredths;
    private final boolean loop;
    private final UnaryOperator<OutputStream> filter;

    /** {@code frameDelay} is rounded to hundredths of a second, at least {@link #MIN_DELAY}. */
    public GifExport(Duration frameDelay, boolean loop) {
        this(frameDelay, loop, UnaryOperator.identity());
    }

    /**
     * {@code filter} wraps the stream of every file written: a byte counter, say, or in tests a disk that
     * runs full part way.
     */
    public GifExport(Duration frameDelay, boolean loop, UnaryOperator<OutputStream> filter) {
        long hundredths = Math.round(frameDelay.toMillis() / 10.0);
        this.delayHundredths = (int) Math.max(MIN_DELAY.toMillis() / 10, Math.min(0xffff, hundredths));
        this.loop = loop;
        this.filter = filter;
    }

    /** The delay written into each frame, in hundredths of a second. */
    public int delayHundredths() {
        return delayHundredths;
    }

    public void write(int frameCount, FrameSource frames, Path target, ExportProgress progress, CancelToken cancel)
            throws ExportException {
        if (frameCount < 1) {
            throw new IllegalArgumentException("an animation needs at least one frame, not " + frameCount);
        }
        FileExport.write(target, filter, out -> encode(frameCount, frames, out, progress, cancel));
    }

    private void encode(int frameCount, FrameSource frames, OutputStream out, ExportProgress progress,
                        CancelToken cancel) throws IOException, ExportException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            progress.update(0, frameCount);
            int width = -1;
            int height = -1;
            for (int i = 0; i < frameCount; i++) {
                ExportFiles.checkCancelled(cancel);
                BufferedImage frame = opaque(ExportFiles.render(frames, i, frameCount));
                if (i == 0) {
                    width = frame.getWidth();
                    height = frame.getHeight();
                } else if (frame.getWidth() != width || frame.getHeight() != height) {
                    throw new ExportException(ExportException.Reason.FRAME_SIZE, null, i + 1, frameCount,
                            frame.getWidth(), frame.getHeight(), width, height);
                }
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(frame), param);
                metadata.setFromTree(FORMAT, frameTree(metadata, i == 0 && loop));
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
                progress.update(i + 1, frameCount);
            }
            ExportFiles.checkCancelled(cancel);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private IIOMetadataNode frameTree(IIOMetadata metadata, boolean loopForever) {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(delayHundredths));
        if (loopForever) {
            // The NETSCAPE2.0 block: sub-block 1, then the loop count as 16-bit little endian; 0 is forever.
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(netscape);
        }
        return root;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private static BufferedImage opaque(BufferedImage frame) {
        if (frame.getType() == BufferedImage.TYPE_INT_RGB) {
            return frame;
        }
        BufferedImage out = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, frame.getWidth(), frame.getHeight());
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(frame, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
