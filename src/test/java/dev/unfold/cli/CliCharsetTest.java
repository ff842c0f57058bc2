package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error lines are spelled for the charset stderr really encodes with, not for the JVM's default charset. */
class CliCharsetTest {

    private static Charset charset(Map<String, String> properties) {
        return Cli.errorCharset(properties::get);
    }

    @Test
    void java18AndLaterNameStderrsEncoding() {
        assertEquals(StandardCharsets.US_ASCII, charset(Map.of("stderr.encoding", "US-ASCII",
                "sun.stderr.encoding", "UTF-8")));
    }

    @Test
    void java17UsesItsConsoleEncodingWhereSetElseTheDefaultCharset() {
        assertEquals(StandardCharsets.ISO_8859_1, charset(Map.of("sun.stderr.encoding", "ISO-8859-1")));
        assertEquals(Charset.defaultCharset(), charset(Map.of()));
        assertEquals(Charset.defaultCharset(), charset(Map.of("stderr.encoding", "no-such-charset")));
    }

    @Test
    void mathsSignsAreSpelledInAsciiOnlyWhereTheyCannotBeShown() {
        String message = "N·C·H·W = 50 for 2×3 with −1 ≤ x ≥ 0 é";
        assertEquals(message, Cli.printable(message, StandardCharsets.UTF_8));
        assertEquals("N*C*H*W = 50 for 2x3 with -1 <= x >= 0 ?", Cli.printable(message, StandardCharsets.US_ASCII));
    }
}
