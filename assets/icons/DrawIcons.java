import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the Unfold icon: a grid with a highlighted 3×3 window whose nine cells reappear, in order, as a
 * column on the right, which is what im2col does to every window. Writes the PNG set, a Windows ICO and
 * a macOS ICNS, so all three come from one drawing and need nothing but a JDK to regenerate:
 *
 * <pre>java assets/icons/DrawIcons.java assets/icons</pre>
 *
 * Sizes of 64 px and up scale one drawing made on a 1024 canvas. At 48 px and below the full 5×5 grid
 * would blur into a smudge, so those sizes get layouts placed on whole pixels, with fewer cells.
 */
public final class DrawIcons {

    /** Where cells, window and column sit, in pixels of the target size (or of 1024 for the scaled layout). */
    private record Layout(double margin, double radius, int gridCells, double cell, double gap, double gridX,
                          double gridY, int windowRow, int windowCol, double columnX, double columnWidth,
                          double columnY, double columnCell, double columnGap, boolean outlineAndArrow) {
    }

    private static final Layout LARGE = new Layout(40, 200, 5, 100, 16, 108, 230, 1, 1,
            788, 128, 176, 64, 12, true);
    private static final Map<Integer, Layout> PIXEL_LAYOUTS = Map.of(
            16, new Layout(0, 3, 3, 2, 1, 2, 4, 0, 0, 12, 2, 3, 1, 0, false),
            24, new Layout(0, 4, 4, 3, 1, 2, 5, 0, 0, 19, 3, 3, 2, 0, false),
            32, new Layout(1, 6, 4, 4, 1, 3, 7, 0, 0, 25, 4, 3, 2, 1, false),
            48, new Layout(1, 9, 4, 7, 2, 4, 7, 0, 0, 41, 5, 6, 3, 1, false));

    private static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};
    private static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 128, 256};

    private static final Color BACKGROUND_TOP = new Color(0x27, 0x3A, 0x5C);
    private static final Color BACKGROUND_BOTTOM = new Color(0x12, 0x1A, 0x2E);
    private static final Color INPUT_CELL = new Color(0x4F, 0x61, 0x7D);
    private static final Color OUTLINE = new Color(0xF8, 0xFA, 0xFC);

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/icons");
        Files.createDirectories(out);
        Map<Integer, BufferedImage> images = new LinkedHashMap<>();
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : PNG_SIZES) {
            BufferedImage image = draw(size);
            images.put(size, image);
            byte[] png = png(image);
            pngs.put(size, png);
            Files.write(out.resolve("unfold-" + size + ".png"), png);
        }
        Files.write(out.resolve("unfold.ico"), ico(images, pngs));
        Files.write(out.resolve("unfold.icns"), icns(pngs));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        Layout l = PIXEL_LAYOUTS.get(size);
        if (l == null) {
            l = LARGE;
            g.scale(size / 1024.0, size / 1024.0);
        }
        double extent = l == LARGE ? 1024 : size;

        g.setPaint(new GradientPaint(0, (float) l.margin(), BACKGROUND_TOP, 0, (float) (extent - l.margin()),
                BACKGROUND_BOTTOM));
        g.fill(new RoundRectangle2D.Double(l.margin(), l.margin(), extent - 2 * l.margin(),
                extent - 2 * l.margin(), 2 * l.radius(), 2 * l.radius()));

        double pitch = l.cell() + l.gap();
        for (int r = 0; r < l.gridCells(); r++) {
            for (int c = 0; c < l.gridCells(); c++) {
                int wr = r - l.windowRow();
                int wc = c - l.windowCol();
                boolean inWindow = wr >= 0 && wr < 3 && wc >= 0 && wc < 3;
                g.setColor(inWindow ? tap(wr * 3 + wc) : INPUT_CELL);
                g.fill(cell(l.gridX() + c * pitch, l.gridY() + r * pitch, l.cell(), l.cell(), l));
            }
        }
        for (int i = 0; i < 9; i++) {
            g.setColor(tap(i));
            g.fill(cell(l.columnX(), l.columnY() + i * (l.columnCell() + l.columnGap()), l.columnWidth(),
                    l.columnCell(), l));
        }

        if (l.outlineAndArrow()) {
            double inset = 14;
            double x = l.gridX() + l.windowCol() * pitch - inset;
            double y = l.gridY() + l.windowRow() * pitch - inset;
            double side = 3 * l.cell() + 2 * l.gap() + 2 * inset;
            g.setColor(OUTLINE);
            g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new RoundRectangle2D.Double(x, y, side, side, 44, 44));

            double gridRight = l.gridX() + l.gridCells() * pitch - l.gap();
            double middle = (l.columnX() + gridRight) / 2;
            double centreY = l.gridY() + (l.gridCells() * pitch - l.gap()) / 2;
            Path2D chevron = new Path2D.Double();
            chevron.moveTo(middle - 18, centreY - 52);
            chevron.lineTo(middle + 22, centreY);
            chevron.lineTo(middle - 18, centreY + 52);
            g.setStroke(new BasicStroke(26, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(chevron);
        }
        g.dispose();
        return image;
    }

    /** Rounded cells when there is room for rounding; square ones on the pixel layouts, where it only blurs. */
    private static java.awt.Shape cell(double x, double y, double w, double h, Layout l) {
        double arc = l == LARGE ? 18 : 0;
        return new RoundRectangle2D.Double(x, y, w, h, arc, arc);
    }

    /** The colour of tap i of the 3×3 window, yellow at the first tap to red at the last, the same in the column. */
    private static Color tap(int i) {
        float hue = (48f - i * 40f / 8f) / 360f;
        return Color.getHSBColor(hue, 0.78f, 0.99f);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /**
     * An ICO file: PNG data for 256 px (the form Windows expects at that size), 32-bit BMP data with an AND
     * mask below it, which every Windows icon reader accepts.
     */
    static byte[] ico(Map<Integer, BufferedImage> images, Map<Integer, byte[]> pngs) throws IOException {
        List<byte[]> data = new java.util.ArrayList<>();
        for (int size : ICO_SIZES) {
            data.add(size == 256 ? pngs.get(size) : dib(images.get(size)));
        }
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * ICO_SIZES.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length);
        int offset = header.capacity();
        for (int i = 0; i < ICO_SIZES.length; i++) {
            int size = ICO_SIZES[i];
            header.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
            header.putInt(data.get(i).length).putInt(offset);
            offset += data.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] d : data) {
            out.write(d);
        }
        return out.toByteArray();
    }

    /** BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask (all zero: the alpha channel rules). */
    private static byte[] dib(BufferedImage image) {
        int n = image.getWidth();
        int maskRow = ((n + 31) / 32) * 4;
        ByteBuffer b = ByteBuffer.allocate(40 + n * n * 4 + maskRow * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(40).putInt(n).putInt(2 * n).putShort((short) 1).putShort((short) 32);
        b.putInt(0).putInt(n * n * 4 + maskRow * n).putInt(0).putInt(0).putInt(0).putInt(0);
        for (int y = n - 1; y >= 0; y--) {
            for (int x = 0; x < n; x++) {
                int argb = image.getRGB(x, y);
                b.put((byte) argb).put((byte) (argb >> 8)).put((byte) (argb >> 16)).put((byte) (argb >>> 24));
            }
        }
        return b.array();
    }

    /**
     * An ICNS file: big-endian length-prefixed PNG entries under the type codes macOS reads for each size
     * (the "@2x" codes reuse the next size up).
     */
    static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        String[][] entries = {
                {"icp4", "16"}, {"icp5", "32"}, {"ic11", "32"}, {"ic12", "64"}, {"ic07", "128"},
                {"ic13", "256"}, {"ic08", "256"}, {"ic14", "512"}, {"ic09", "512"}, {"ic10", "1024"}};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (String[] e : entries) {
            byte[] png = pngs.get(Integer.parseInt(e[1]));
            d.writeBytes(e[0]);
            d.writeInt(8 + png.length);
            d.write(png);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }
}
