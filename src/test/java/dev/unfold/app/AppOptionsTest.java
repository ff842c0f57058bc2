package dev.unfold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.app.model.Params;
import dev.unfold.app.model.Settings;
import dev.unfold.core.Layout;
import dev.unfold.core.trace.TraceOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppOptionsTest {

    private static AppOptions parse(String... args) throws AppOptions.BadOption {
        return AppOptions.parse(args, Settings.defaults());
    }

    @Test
    void parametersOrderLayoutAndStep(@TempDir Path dir) throws Exception {
        AppOptions o = parse("--screenshot", dir.resolve("a.png").toString(), "--kernel", "3,2", "--stride", "2",
                "--pad", "1", "--dilation", "1,2", "--size", "8,6", "--channels", "3", "--batch", "2",
                "--order", "thread", "--layout", "torch", "--step", "17", "--lang", "ko");
        assertEquals(new Params(2, 3, 8, 6, 3, 2, 2, 2, 1, 1, 1, 2), o.settings().params());
        assertEquals(TraceOrder.IM2COL_BY_THREAD, o.settings().order());
        assertEquals(Layout.TORCH, o.settings().layout());
        assertEquals(17L, o.step());
        assertEquals("ko", o.locale().getLanguage());
        assertTrue(o.headless());
    }

    @Test
    void badOptionsGiveOneLine(@TempDir Path dir) {
        String png = dir.resolve("a.png").toString();
        String[][] bad = {
                {"--kernel", "x"}, {"--kernel", "1,2,3"}, {"--stride", "0"}, {"--channels", "9"},
                {"--kernel", "9", "--size", "4"}, {"--order", "sideways"}, {"--layout", "diagonal"},
                {"--step", "101"}, {"--lang", "fr"}, {"--window", "big"}, {"--frobnicate"},
                {"--screenshot", dir.resolve("no/such/folder/a.png").toString()}, {"--screenshot", dir.toString()},
                {"--screenshot", png, "--step", "-1"},
        };
        for (String[] args : bad) {
            AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse(args), String.join(" ", args));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void theInvalidWindowIsExplained() {
        AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse("--kernel", "9", "--size", "4"));
        assertTrue(e.getMessage().contains("larger than the padded input"), e.getMessage());
    }

    /** A name Java cannot turn into the system's bytes says so in words, as the commands' file names do. */
    @Test
    void aScreenshotNameThatCannotBeAFileNameIsExplained() {
        AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse("--screenshot", "a\0.png"));
        assertEquals("Invalid value for option '--screenshot': 'a\0.png' holds a NUL character, which no file name can",
                e.getMessage());
    }

    @Test
    void aScreenshotNameEndingInASlashIsAFolderNotAFile() {
        AppOptions.BadOption e = assertThrows(AppOptions.BadOption.class, () -> parse("--screenshot", "shots/"));
        assertEquals("Invalid value for option '--screenshot': 'shots/' names a folder (it ends in '/'); give the "
                + "picture's file name, such as shots/unfold.png", e.getMessage());
    }
}
