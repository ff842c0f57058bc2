package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.i18n.ErrorText;
import dev.unfold.app.i18n.I18n;
import dev.unfold.export.ExportException;
import dev.unfold.media.ImageImportException;
import dev.unfold.media.SampleImage;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Keys the classroom features build from enums and tables, present and well-formed in both languages. */
class ClassroomBundlesTest {

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (ImageImportException.Reason r : ImageImportException.Reason.values()) {
            keys.add("error.image." + r.key());
        }
        for (ExportException.Reason r : ExportException.Reason.values()) {
            if (r != ExportException.Reason.OTHER) {
                keys.add("error.export." + r.key());
            }
        }
        for (AppTheme t : AppTheme.values()) {
            keys.add("theme." + t.label());
        }
        for (SampleImage s : SampleImage.values()) {
            keys.add(s.messageKey());
        }
        for (String[] k : HelpWindow.KEYS) {
            keys.add(k[1]);
        }
        return keys;
    }

    @Test
    void everyKeyIsInBothLanguages() {
        for (Locale l : I18n.SUPPORTED) {
            ResourceBundle b = ResourceBundle.getBundle(I18n.BUNDLE, l,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            for (String k : keys()) {
                assertTrue(b.containsKey(k), k + " in " + l);
            }
        }
    }

    /** Each translated failure names the same details as the English line, all of them. */
    @Test
    void translatedFailuresUseEveryDetail() {
        I18n en = new I18n(Locale.ENGLISH);
        I18n ko = new I18n(Locale.KOREAN);
        for (ImageImportException.Reason r : ImageImportException.Reason.values()) {
            assertEquals(placeholders(en.get("error.image." + r.key())),
                    placeholders(ko.get("error.image." + r.key())), r.key());
        }
        for (ExportException.Reason r : ExportException.Reason.values()) {
            if (r != ExportException.Reason.OTHER) {
                assertEquals(placeholders(en.get("error.export." + r.key())),
                        placeholders(ko.get("error.export." + r.key())), r.key());
            }
        }
        ExportException full = new ExportException("x") {
        };
        assertEquals("x", ErrorText.of(full, ko), "a caller's own message is shown as it is");
    }

    private static int placeholders(String pattern) {
        return new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex().length;
    }
}
