package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unfold.Launcher;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aFileNameTheLocaleCannotSpellSaysWhichLocaleToUse() {
        InvalidPathException e = new InvalidPathException("x", "Malformed input or input contains unmappable characters");
        String ascii = FileNameConverter.explain("b\uFFFD.npy", e, StandardCharsets.US_ASCII);
        assertTrue(ascii.contains("the locale's charset, US-ASCII") && ascii.contains("LANG=C.UTF-8"), ascii);
        String nul = FileNameConverter.explain("a\0b.npy", e, StandardCharsets.UTF_8);
        assertTrue(nul.endsWith("holds a NUL character, which no file name can"), nul);
        CliRun r = CliRun.of("im2col", "x\0.npy", "out.npy", "--kernel", "1");
        assertEquals(List.of("unfold: Invalid value for positional parameter at index 0 (IN): 'x\\x00.npy' holds a NUL "
                + "character, which no file name can (see 'unfold im2col --help')"), r.err().lines().toList(), r::toString);
    }

    @TempDir
    Path dir;

    /** The C locale, as many containers start: Java cannot spell "ü" in ASCII, and says how to run instead. */
    @Test
    void inTheCLocaleANonAsciiNameGetsOneLineThatNamesTheFix() throws IOException, InterruptedException {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "this JVM could not pass the name on");
        Path in = dir.resolve("bild-\u00fc.npy");
        Npy.write(in, NdArray.of(new float[4], 2, 2));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "im2col", in.toString(), dir.resolve("out.npy").toString(), "--kernel", "1", "--backend", "cpu");
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_"));
        pb.environment().put("LANG", "C");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() != 0, "this Java spells file names in UTF-8 in the C locale too");
        assertEquals(Cli.ERROR, p.exitValue(), err);
        assertEquals("", out);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("unfold: ") && lines.get(0).contains("run with a UTF-8 locale (LANG=C.UTF-8"),
                err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(Files.exists(dir.resolve("out.npy")));
    }
}
