package dev.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jar's entry point: the window where it can open, one clear line where it cannot. */
class LauncherTest {

    @Test
    void onX11TheWindowNeedsADisplay() {
        assertTrue(Launcher.missingDisplay("Linux", null).startsWith("no display to open the window on"));
        assertTrue(Launcher.missingDisplay("FreeBSD", " ").startsWith("no display"));
        assertNull(Launcher.missingDisplay("Linux", ":0"));
        assertNull(Launcher.missingDisplay("Windows 11", null));
        assertNull(Launcher.missingDisplay("Mac OS X", null));
    }

    @Test
    void optionsBeforeACommandSayWhereTheyGo() throws Exception {
        Result r = launch(List.of("--backend", "cpu", "im2col", "x.npy", "o.npy"));
        assertEquals(2, r.exit, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.endsWith("; to run im2col, give it first and its options after it: unfold im2col [options]"
                + System.lineSeparator()), r.err);
        assertEquals("", Launcher.commandHint(new String[] {"--stride", "2"}));
        assertEquals("", Launcher.commandHint(new String[] {"--view", "col2im", "--batch", "4"}));
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneLine() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        Result r = launch(List.of());
        assertEquals(2, r.exit, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("unfold: no display to open the window on (DISPLAY is not set)"), r.err);
    }

    @Test
    void theWindowsHelpNamesTheCommands() throws Exception {
        Result r = launch(List.of("--help"));
        assertEquals(0, r.exit, r.err);
        assertTrue(r.out.contains("--screenshot"), r.out);
        assertTrue(r.out.contains("unfold im2col|col2im|info|bench|render"), r.out);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result launch(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
