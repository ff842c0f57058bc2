package dev.unfold.app.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class I18nTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18nTest.class.getResourceAsStream("/dev/unfold/app/i18n/" + name);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void englishAndKoreanHaveTheSameKeys() throws IOException {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> ko = new TreeSet<>(load("messages_ko.properties").stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(ko);
        Set<String> onlyKo = new TreeSet<>(ko);
        onlyKo.removeAll(en);
        assertEquals(Set.of(), onlyEn, "missing in Korean");
        assertEquals(Set.of(), onlyKo, "missing in English");
    }

    @Test
    void everyPatternParsesAndKoreanIsKorean() throws IOException {
        Properties ko = load("messages_ko.properties");
        for (String file : new String[] {"messages.properties", "messages_ko.properties"}) {
            Properties p = load(file);
            for (String k : p.stringPropertyNames()) {
                new MessageFormat(p.getProperty(k), Locale.ROOT); // throws on a broken pattern
            }
        }
        assertTrue(ko.getProperty("params.title").chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3));
    }

    /** Every literal key the app's code asks for exists; dynamic keys are covered by their enums below. */
    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = load("messages.properties");
        Pattern call = Pattern.compile("(?:i18n\\.(?:get|text)|tip\\([^,]+, i18n,)\\s*\\(?\\s*\"([a-z][\\w.]*)\"");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/unfold/app"))) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    if (!key.endsWith(".") && !en.containsKey(key)) {
                        missing.add(key + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertEquals(Set.of(), missing);
        for (var k : dev.unfold.app.model.ParamKey.values()) {
            assertTrue(en.containsKey("param." + k.name()) && en.containsKey("param." + k.name() + ".tip"), k.name());
        }
        for (var p : dev.unfold.app.model.Pair.values()) {
            assertTrue(en.containsKey("param." + p.name() + ".linked"), p.name());
            assertTrue(en.containsKey("pair." + p.name().toLowerCase(Locale.ROOT)), p.name());
        }
        for (var p : dev.unfold.app.model.Preset.values()) {
            assertTrue(en.containsKey(p.key()), p.key());
        }
        for (var v : dev.unfold.app.model.ViewKind.values()) {
            assertTrue(en.containsKey(v.key()) && en.containsKey(v.key() + ".tip"), v.key());
        }
        for (var l : dev.unfold.core.Layout.values()) {
            assertTrue(en.containsKey("layout." + l.label() + ".tip"), l.label());
            assertTrue(en.containsKey("formula.shape." + l.label()), l.label());
        }
    }

    @Test
    void englishStaysEnglishWhateverTheSystemLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.KOREAN);
            I18n i18n = new I18n(Locale.ENGLISH);
            assertEquals("Parameters", i18n.get("params.title"));
            assertEquals("step 12 / 1,234", i18n.get("transport.step", 12, 1234));
            assertFalse(i18n.get("no.such.key").isEmpty());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void ratiosKeepTwoDecimalsAtMostAndNoTrailingZeros() {
        I18n en = new I18n(Locale.ENGLISH);
        assertEquals("25", en.ratio(25.0));
        assertEquals("6.25", en.ratio(6.25));
        assertEquals("12.5", en.ratio(12.5));
        assertEquals("1.33", en.ratio(4.0 / 3));
        assertEquals("1,225", en.ratio(1225));
    }

    @Test
    void theTransportCountsStepsAsTheFormulaPanelDoes() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            I18n i18n = new I18n(locale);
            String formula = i18n.get("formula.step", 1000L, 150528L, "");
            for (String key : List.of("transport.step", "transport.step.short")) {
                String transport = i18n.get(key, 1000L, 150528L);
                for (String count : List.of("1,000", "150,528")) {
                    assertTrue(transport.contains(count) && formula.contains(count),
                            locale + ": " + transport + " | " + formula);
                }
            }
        }
    }
}
