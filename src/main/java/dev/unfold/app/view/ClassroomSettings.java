package dev.unfold.app.view;

import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the classroom features remember between runs: the language, the look, how the last image was taken
 * in, and the folder last opened from or saved to.
 *
 * @param locale null for the system's language
 * @param folder null until a file was chosen
 */
public record ClassroomSettings(Locale locale, AppTheme theme, boolean colourBlindSafe, ColorMode imageMode,
                                Framing framing, Path folder) {

    public static ClassroomSettings defaults() {
        return new ClassroomSettings(null, AppTheme.LIGHT, false, ColorMode.RGB, Framing.CROP, null);
    }

    public ClassroomSettings withLocale(Locale l) {
        return new ClassroomSettings(l, theme, colourBlindSafe, imageMode, framing, folder);
    }

    public ClassroomSettings withTheme(AppTheme t) {
        return new ClassroomSettings(locale, t, colourBlindSafe, imageMode, framing, folder);
    }

    public ClassroomSettings withColourBlindSafe(boolean on) {
        return new ClassroomSettings(locale, theme, on, imageMode, framing, folder);
    }

    public ClassroomSettings withImage(ColorMode mode, Framing f) {
        return new ClassroomSettings(locale, theme, colourBlindSafe, mode, f, folder);
    }

    public ClassroomSettings withFolder(Path p) {
        return new ClassroomSettings(locale, theme, colourBlindSafe, imageMode, framing, p);
    }
}
