package dev.unfold.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TerminalProgressBarTest {

    @Test
    void onAConsoleOneLineIsRedrawnInPlace() {
        List<String> out = new ArrayList<>();
        try (TerminalProgressBar bar = new TerminalProgressBar("render anim.gif", out::add, true)) {
            bar.update(0, 4);
            bar.update(1, 4);
            bar.update(1, 4);
            bar.update(4, 4);
        }

        assertEquals(List.of(
                "\rrender anim.gif [------------------------------]   0% 0/4",
                "\rrender anim.gif [#######-----------------------]  25% 1/4",
                "\rrender anim.gif [##############################] 100% 4/4",
                System.lineSeparator()), out, "the repeated update draws nothing");
    }

    @Test
    void aShorterLineWipesTheRestOfTheLongerOne() {
        List<String> out = new ArrayList<>();
        TerminalProgressBar bar = new TerminalProgressBar("x", out::add, true);

        bar.update(100, 100);
        bar.update(5, 10);

        assertEquals(out.get(0).length(), out.get(1).length());
        assertEquals("\rx [###############---------------]  50% 5/10", out.get(1).stripTrailing());
    }

    @Test
    void inALogItWritesAPlainLineEveryTenth() {
        List<String> out = new ArrayList<>();
        try (TerminalProgressBar bar = new TerminalProgressBar("frames", out::add, false)) {
            for (int i = 0; i <= 200; i++) {
                bar.update(i, 200);
            }
        }

        assertEquals(11, out.size());
        assertEquals("frames: 0% (0/200)" + System.lineSeparator(), out.get(0));
        assertEquals("frames: 50% (100/200)" + System.lineSeparator(), out.get(5));
        assertEquals("frames: 100% (200/200)" + System.lineSeparator(), out.get(10));
        assertTrue(out.stream().noneMatch(line -> line.contains("\r")));
    }

    @Property(tries = 200)
    void neverMoreThanElevenLinesAndNeverBackwards(@ForAll @IntRange(min = 1, max = 100_000) int total,
                                                   @ForAll @IntRange(min = 1, max = 5000) int step) {
        List<String> out = new ArrayList<>();
        TerminalProgressBar bar = new TerminalProgressBar("csv", out::add, false);
        for (long done = 0; done < total; done += step) {
            bar.update(done, total);
        }
        bar.update(total, total);

        assertTrue(out.size() <= 11, out.size() + " lines");
        int last = -1;
        for (String line : out) {
            int percent = Integer.parseInt(line.substring(5, line.indexOf('%')));
            assertTrue(percent > last, "percentages rise: " + out);
            last = percent;
        }
        assertEquals(100, last);
    }

    @Test
    void oddCountsAndLongLabelsStayOnOneShortLine() {
        List<String> out = new ArrayList<>();
        TerminalProgressBar bar = new TerminalProgressBar("a very long label that would wrap the terminal", out::add,
                true);

        bar.update(7, 3);
        bar.update(-2, 0);

        assertTrue(out.get(0).contains("100% 3/3"), out.get(0));
        assertTrue(out.get(1).contains("100% 0/0"), out.get(1));
        for (String line : out) {
            assertTrue(line.length() < 80, line.length() + ": " + line);
            assertFalse(line.contains("\n"));
        }
    }

    @Test
    void closingWithoutDrawingWritesNothing() {
        List<String> out = new ArrayList<>();

        new TerminalProgressBar("idle", out::add, true).close();

        assertTrue(out.isEmpty());
    }
}
