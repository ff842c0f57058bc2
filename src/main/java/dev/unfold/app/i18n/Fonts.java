package dev.unfold.app.i18n;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * The bundled NanumGothic (SIL Open Font License, see fonts/NanumGothic-LICENSE.txt): many desktops have
 * no Hangul font, and JavaFX draws missing glyphs as boxes. Loaded only when Korean is first shown, since
 * the file is large.
 */
public final class Fonts {

    public static final String KOREAN_FAMILY = "NanumGothic";
    private static volatile boolean loaded;

    private Fonts() {
    }

    /** Loads the Korean font once; true when it is available. */
    public static synchronized boolean loadKorean() {
        if (!loaded) {
            try (InputStream in = Fonts.class.getResourceAsStream("/dev/unfold/app/fonts/NanumGothic.ttf")) {
                loaded = in != null && Font.loadFont(in, 14) != null;
            } catch (IOException | RuntimeException e) {
                loaded = false;
            }
        }
        return loaded;
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
     * Draws a text on a canvas in {@link #canvas}'s font. NanumGothic has no bold face, and JavaFX makes none
     * up, so a bold Hangul text is drawn twice, half a pixel or so apart, to stand out as the bold titles do.
     */
    public static void fillText(GraphicsContext g, String text, FontWeight weight, double size, double x, double y,
                                double maxWidth) {
        Font f = canvas(text, weight, size);
        g.setFont(f);
        g.fillText(text, x, y, maxWidth);
        if (weight.getWeight() >= FontWeight.BOLD.getWeight() && f.getFamily().equals(KOREAN_FAMILY)) {
            g.fillText(text, x + size / 28, y, maxWidth);
        }
    }

    static boolean hasHangul(String text) {
        return text != null && text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }
}
