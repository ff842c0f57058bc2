package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.app.view.AppTheme;
import dev.unfold.app.view.ClassroomSettings;
import dev.unfold.media.ColorMode;
import dev.unfold.media.Framing;
import java.nio.file.Path;
import java.util.Locale;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassroomSettingsStoreTest {

    private final Preferences node = Preferences.userRoot().node("dev/unfold/test/classroom-" + System.nanoTime());

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void whatIsSavedComesBack() {
        ClassroomSettingsStore store = new ClassroomSettingsStore(node);
        assertEquals(ClassroomSettings.defaults(), store.load(), "nothing saved yet");
        ClassroomSettings s = new ClassroomSettings(Locale.KOREAN, AppTheme.HIGH_CONTRAST, true, ColorMode.GRAYSCALE,
                Framing.STRETCH, Path.of("/tmp/lessons"));
        store.save(s);
        assertEquals(s, new ClassroomSettingsStore(node).load());
    }

    @Test
    void damagedValuesFallBackOneByOne() {
        node.put("classroom.lang", "klingon");
        node.put("classroom.theme", "neon");
        node.put("classroom.colourBlindSafe", "maybe");
        node.put("classroom.imageMode", "CMYK");
        node.put("classroom.framing", "stretch");
        ClassroomSettings s = new ClassroomSettingsStore(node).load();
        ClassroomSettings d = ClassroomSettings.defaults();
        assertEquals(d.locale(), s.locale());
        assertEquals(d.theme(), s.theme());
        assertEquals(false, s.colourBlindSafe());
        assertEquals(d.imageMode(), s.imageMode());
        assertEquals(Framing.STRETCH, s.framing(), "the readable value stays");
    }
}
