package dev.unfold.app.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The bundled NanumGothic, regular and bold (SIL Open Font License, see fonts/NanumGothic-LICENSE.txt): many
 * desktops have no Hangul font, and JavaFX draws missing glyphs as boxes and makes up no bold face. Loaded only
 * when Korean is first shown, since the files are large.
 */
public final class Fonts {

    public static final String KOREAN_FAMILY = "NanumGothic";
    private static volatile boolean loaded;

    private Fonts() {
    }

    /** Loads the Korean font once; true when it is available. */
    public static synchronized boolean loadKorean() {
        if (!loaded) {
            loaded = load("NanumGothic.ttf");
            if (loaded) {
                load("NanumGothicBold.ttf"); // without it bold Hangul is drawn regular, still readable
            }
        }
        return loaded;
    }

    private static boolean load(String file) {
        try (InputStream in = Fonts.class.getResourceAsStream("/dev/unfold/app/fonts/" + file)) {
            return in != null && Font.loadFont(in, 14) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The font for a text drawn on a canvas: NanumGothic where the text holds Hangul, System as ever elsewhere.
     * JavaFX settles the System font's fallbacks when it is first used, so after a switch to Korean at run time
     * they miss the bundled font, and Hangul would be drawn as boxes.
     */
    public static Font canvas(String text, FontWeight weight, double size) {
        boolean hangul = hasHangul(text) && loadKorean();
        return Font.font(hangul ? KOREAN_FAMILY : "System", weight, size);
    }

    /**
     * Draws a text on a canvas in {@link #canvas}'s font. Where it is wider than {@code maxWidth} it is set
     * smaller, down to three quarters of {@code size}; only past that does the canvas narrow its letters, which
     * soon makes them hard to read from the back of a room.
     */
    public static void fillText(GraphicsContext g, String text, FontWeight weight, double size, double x, double y,
                                double maxWidth) {
        Font f = canvas(text, weight, size);
        double wide = width(text, f);
        if (wide > maxWidth) {
            f = canvas(text, weight, Math.max(size * 0.75, Math.floor(size * maxWidth / wide * 2) / 2));
        }
        g.setFont(f);
        g.fillText(text, x, y, maxWidth);
    }

    /**
     * Draws a text from its top left corner, broken at spaces into lines no wider than {@code maxWidth} (a word
     * longer than that is narrowed); returns the height of the lines drawn.
     */
    public static double fillWrapped(GraphicsContext g, String text, FontWeight weight, double size, double x,
                                     double y, double maxWidth) {
        Font f = canvas(text, weight, size);
        g.setFont(f);
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        double lineH = Math.ceil(size * 1.3);
        List<String> lines = lines(text, f, maxWidth);
        for (int i = 0; i < lines.size(); i++) {
            g.fillText(lines.get(i), x, y + i * lineH, maxWidth);
        }
        return lines.size() * lineH;
    }

    /** {@code text} broken as {@link #fillWrapped} breaks it, in its font at {@code size}. */
    public static List<String> wrap(String text, FontWeight weight, double size, double maxWidth) {
        return lines(text, canvas(text, weight, size), maxWidth);
    }

    /** {@code text} broken at spaces into lines no wider than {@code maxWidth} in {@code font}, where words allow. */
    static List<String> lines(String text, Font font, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String longer = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && width(longer, font) > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(longer);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The width {@code text} takes in {@code font}. */
    public static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    static boolean hasHangul(String text) {
        return text != null && text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }
}
