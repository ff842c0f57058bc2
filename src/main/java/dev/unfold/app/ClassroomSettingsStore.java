package dev.unfold.app;

import dev.unfold.app.i18n.I18n;
import dev.unfold.app.view.AppTheme;
import dev.unfold.app.view.ClassroomSettings;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Keeps {@link ClassroomSettings} in java.util.prefs, under keys of their own ({@code classroom.*}) next to
 * the window's settings. As there, whatever is unreadable falls back to its default, field by field.
 */
public final class ClassroomSettingsStore {

    private final Preferences node;

    public ClassroomSettingsStore(Preferences node) {
        this.node = node;
    }

    public static ClassroomSettingsStore user() {
        return new ClassroomSettingsStore(Preferences.userRoot().node("dev/unfold/app"));
    }

    public ClassroomSettings load() {
        ClassroomSettings d = ClassroomSettings.defaults();
        try {
            String lang = node.get("classroom.lang", null);
            Locale locale = lang == null ? null : I18n.supported(lang);
            String themeName = node.get("classroom.theme", null);
            AppTheme theme = themeName == null ? null : AppTheme.parse(themeName);
            boolean safe = "true".equalsIgnoreCase(node.get("classroom.colourBlindSafe", "false"));
            ColorMode mode = readEnum("classroom.imageMode", ColorMode.class, d.imageMode());
            Framing framing = readEnum("classroom.framing", Framing.class, d.framing());
            Path folder = null;
            String f = node.get("classroom.folder", null);
            if (f != null && !f.isBlank()) {
                try {
                    folder = Path.of(f);
                } catch (InvalidPathException e) {
                    folder = null;
                }
            }
            return new ClassroomSettings(locale, theme == null ? d.theme() : theme, safe, mode, framing, folder);
        } catch (RuntimeException e) { // a removed node, a security manager: the defaults, never a failed start
            return d;
        }
    }

    public void save(ClassroomSettings s) {
        try {
            if (s.locale() != null) {
                node.put("classroom.lang", s.locale().getLanguage());
            }
            node.put("classroom.theme", s.theme().label());
            node.putBoolean("classroom.colourBlindSafe", s.colourBlindSafe());
            node.put("classroom.imageMode", s.imageMode().name());
            node.put("classroom.framing", s.framing().name());
            if (s.folder() != null) {
                node.put("classroom.folder", s.folder().toString());
            }
            node.flush();
        } catch (BackingStoreException | RuntimeException e) {
            // remembering is a convenience: an unwritable store must not disturb the lesson
        }
    }

    private <E extends Enum<E>> E readEnum(String key, Class<E> type, E fallback) {
        String s = node.get(key, null);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
