import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * For the smoke test: decodes an image completely and prints its size as WIDTHxHEIGHT; exit 1, with the
 * reason, when the file is missing or not an image ImageIO can read. Run as {@code java packaging/ImageSize.java F}.
 */
public final class ImageSize {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        BufferedImage image = file.isFile() ? ImageIO.read(file) : null;
        if (image == null) {
            System.err.println(file + ": " + (file.isFile() ? "not a readable image" : "no such file"));
            System.exit(1);
        }
        System.out.println(image.getWidth() + "x" + image.getHeight());
    }
}
