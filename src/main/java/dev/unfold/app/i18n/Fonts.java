package dev.unfold.app.i18n;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

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

    /** Draws a text on a canvas in {@link #canvas}'s font. */
    public static void fillText(GraphicsContext g, String text, FontWeight weight, double size, double x, double y,
                                double maxWidth) {
        g.setFont(canvas(text, weight, size));
        g.fillText(text, x, y, maxWidth);
    }

    static boolean hasHangul(String text) {
        return text != null && text.codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }
}
