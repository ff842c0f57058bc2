package dev.unfold.media;

import dev.unfold.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the bundled sample images. Shapes are tested point by point on a 4×4 grid inside each pixel and
 * the coverage is blended in plain double arithmetic, with no Java2D rasteriser, so every JDK draws the
 * same pixels and {@code SampleImagesTest} can check that the committed files came from this program.
 *
 * <p>Regenerate: {@code mvn -q -B test-compile && java -cp target/classes:target/test-classes
 * dev.unfold.media.SampleArt assets/samples}
 */
public final class SampleArt {
    static final int SIZE = 128;
    private static final int SUB = 4;

    private SampleArt() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "assets/samples");
        Files.createDirectories(folder);
        for (SampleImage sample : SampleImage.values()) {
            BufferedImage image = draw(sample);
            AtomicFiles.write(folder.resolve(sample.fileName()), out -> ImageIO.write(image, "png", out));
            System.out.println("wrote " + folder.resolve(sample.fileName()));
        }
    }

    static BufferedImage draw(SampleImage sample) {
        return switch (sample) {
            case DIGIT -> digit().toImage(true);
            case CHECKERBOARD -> checkerboard().toImage(true);
            case SMILEY -> smiley().toImage(false);
            case GRADIENT -> gradient().toImage(false);
            case EDGE_CARD -> edgeCard().toImage(true);
        };
    }

    /** A handwritten-looking "2", white on black like MNIST, with the pen thinning along the stroke. */
    private static Canvas digit() {
        Canvas c = new Canvas(0, 0, 0);
        List<double[]> pen = new ArrayList<>();
        bezier(pen, 36, 46, 38, 18, 88, 14, 90, 42);
        bezier(pen, 90, 42, 92, 62, 60, 80, 34, 104);
        bezier(pen, 34, 104, 56, 98, 80, 100, 98, 106);
        int n = pen.size();
        c.paint((x, y) -> {
            for (int i = 0; i + 1 < n; i++) {
                double[] a = pen.get(i);
                double[] b = pen.get(i + 1);
                double radius = 7.5 - 3.0 * i / (n - 1);
                if (segmentDistance(x, y, a[0], a[1], b[0], b[1]) <= radius) {
                    return true;
                }
            }
            return false;
        }, 1, 1, 1);
        return c;
    }

    private static Canvas checkerboard() {
        Canvas c = new Canvas(1, 1, 1);
        c.paint((x, y) -> ((int) (x / 16) + (int) (y / 16)) % 2 == 0, 0, 0, 0);
        return c;
    }

    private static Canvas smiley() {
        Canvas c = new Canvas(0.80, 0.90, 1.00);
        c.paint((x, y) -> within(x, y, 64, 64, 56), 0.25, 0.18, 0.10);
        c.paint((x, y) -> within(x, y, 64, 64, 52), 1.00, 0.82, 0.18);
        c.paint((x, y) -> ellipse(x, y, 46, 50, 6, 10) || ellipse(x, y, 82, 50, 6, 10), 0.25, 0.18, 0.10);
        c.paint((x, y) -> within(x, y, 36, 76, 8) || within(x, y, 92, 76, 8), 1.00, 0.55, 0.50);
        c.paint((x, y) -> {
            double r = Math.hypot(x - 64, y - 62);
            return y > 70 && r >= 26 && r <= 32;
        }, 0.75, 0.15, 0.15);
        return c;
    }

    /** Red grows to the right, green downwards, blue to the left: every channel looks different. */
    private static Canvas gradient() {
        Canvas c = new Canvas(0, 0, 0);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double u = x / (SIZE - 1.0);
                double v = y / (SIZE - 1.0);
                c.set(x, y, u, v, 1 - u);
            }
        }
        return c;
    }

    /** Edges for edge-detecting kernels: vertical, horizontal, diagonal, round, and thin lines. */
    private static Canvas edgeCard() {
        Canvas c = new Canvas(0.5, 0.5, 0.5);
        c.paint((x, y) -> x < 64 && y < 64, 0, 0, 0);
        c.paint((x, y) -> x >= 32 && x < 64 && y < 64, 1, 1, 1);
        c.paint((x, y) -> x >= 64 && y < 32, 0.2, 0.2, 0.2);
        c.paint((x, y) -> x >= 64 && y >= 32 && y < 64, 0.9, 0.9, 0.9);
        c.paint((x, y) -> x < 64 && y >= 64 && x + (y - 64) < 64, 0.75, 0.75, 0.75);
        c.paint((x, y) -> x < 64 && y >= 64 && x + (y - 64) >= 64, 0.1, 0.1, 0.1);
        c.paint((x, y) -> within(x, y, 96, 96, 20), 1, 1, 1);
        c.paint((x, y) -> x >= 64 && y >= 64 && (Math.abs(x - 70.5) <= 0.5 || Math.abs(y - 121.5) <= 0.5), 0, 0, 0);
        return c;
    }

    private static boolean within(double x, double y, double cx, double cy, double r) {
        return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
    }

    private static boolean ellipse(double x, double y, double cx, double cy, double rx, double ry) {
        double u = (x - cx) / rx;
        double v = (y - cy) / ry;
        return u * u + v * v <= 1;
    }

    private static void bezier(List<double[]> out, double x0, double y0, double x1, double y1,
                               double x2, double y2, double x3, double y3) {
        int steps = 40;
        for (int i = out.isEmpty() ? 0 : 1; i <= steps; i++) {
            double t = (double) i / steps;
            double s = 1 - t;
            out.add(new double[] {
                s * s * s * x0 + 3 * s * s * t * x1 + 3 * s * t * t * x2 + t * t * t * x3,
                s * s * s * y0 + 3 * s * s * t * y1 + 3 * s * t * t * y2 + t * t * t * y3});
        }
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    private interface Shape {
        boolean contains(double x, double y);
    }

    private static final class Canvas {
        private final double[][] rgb = new double[3][SIZE * SIZE];

        Canvas(double r, double g, double b) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                rgb[0][i] = r;
                rgb[1][i] = g;
                rgb[2][i] = b;
            }
        }

        void set(int x, int y, double r, double g, double b) {
            int i = y * SIZE + x;
            rgb[0][i] = r;
            rgb[1][i] = g;
            rgb[2][i] = b;
        }

        /** Lays a solid colour over the shape, each pixel weighted by how much of it the shape covers. */
        void paint(Shape shape, double r, double g, double b) {
            double[] colour = {r, g, b};
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int hits = 0;
                    for (int sy = 0; sy < SUB; sy++) {
                        for (int sx = 0; sx < SUB; sx++) {
                            if (shape.contains(x + (sx + 0.5) / SUB, y + (sy + 0.5) / SUB)) {
                                hits++;
                            }
                        }
                    }
                    double cover = (double) hits / (SUB * SUB);
                    for (int ch = 0; ch < 3; ch++) {
                        int i = y * SIZE + x;
                        rgb[ch][i] = rgb[ch][i] * (1 - cover) + colour[ch] * cover;
                    }
                }
            }
        }

        BufferedImage toImage(boolean grey) {
            BufferedImage out = new BufferedImage(SIZE, SIZE,
                    grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    int i = y * SIZE + x;
                    if (grey) {
                        out.getRaster().setSample(x, y, 0, to8Bit(rgb[0][i]));
                    } else {
                        out.setRGB(x, y, to8Bit(rgb[0][i]) << 16 | to8Bit(rgb[1][i]) << 8 | to8Bit(rgb[2][i]));
                    }
                }
            }
            return out;
        }

        private static int to8Bit(double v) {
            return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
        }
    }
}
