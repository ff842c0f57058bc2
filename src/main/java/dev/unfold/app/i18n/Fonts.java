package dev.unfold.app.i18n;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.text.Font;

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
}
