package dev.unfold.export;

import static dev.unfold.export.ExportFixtures.assertNoTemporaryFiles;
import static dev.unfold.export.ExportFixtures.assertOneLine;
import static dev.unfold.export.ExportFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {
    @TempDir
    Path dir;

    private final CsvExport csv = new CsvExport();

    /** RFC 4180 read back: quoted fields may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the file ends with a line break");
        return rows;
    }

    @Provide
    Arbitrary<Double> anyDouble() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, 1.0, -3.0, 0.1, 1e15, 1e16, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Property(tries = 60)
    void readingBackGivesEveryValueBitForBit(@ForAll @IntRange(min = 0, max = 12) int rows,
                                             @ForAll @IntRange(min = 1, max = 9) int cols,
                                             @ForAll List<@From("anyDouble") Double> pool) throws Exception {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = pool.isEmpty() ? i : pool.get(i % pool.size());
        }
        Path out = Files.createTempFile("matrix", ".csv");
        try {
            csv.write(rows, cols, values, List.of(), out, ExportProgress.NONE, new CancelToken());

            List<List<String>> parsed = parse(Files.readString(out, StandardCharsets.UTF_8));
            assertEquals(rows, parsed.size());
            double[] back = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                assertEquals(cols, parsed.get(r).size());
                for (int c = 0; c < cols; c++) {
                    back[r * cols + c] = Double.parseDouble(parsed.get(r).get(c));
                }
            }
            assertArrayEquals(values, back);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Property(tries = 200)
    void numbersLookTheSameInEveryLocale(@ForAll("anyDouble") double v) {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = CsvExport.number(v);
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            String arabic = CsvExport.number(v);
            Locale.setDefault(Locale.ROOT);

            assertEquals(CsvExport.number(v), german);
            assertEquals(german, arabic);
            assertTrue(german.matches("-?[0-9]+|-?[0-9]+\\.[0-9]+(E-?[0-9]+)?|NaN|-?Infinity"), german);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void integersHaveNoFractionAndHeaderNamesAreQuotedWhenNeeded() throws Exception {
        Path out = dir.resolve("column.csv");
        List<String> header = List.of("c0 ky0 kx0", "a,b", "say \"hi\"");

        csv.write(2, 3, new double[] {1, 2.5, -3, 0, 1e-5, 4}, header, out, ExportProgress.NONE, new CancelToken());

        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals("c0 ky0 kx0,\"a,b\",\"say \"\"hi\"\"\"\r\n1,2.5,-3\r\n0,1.0E-5,4\r\n", text);
        assertEquals(header, parse(text).get(0));
    }

    @Test
    void progressEndsAtTheRowCount() throws Exception {
        List<long[]> reports = new ArrayList<>();

        csv.write(1000, 2, new double[2000], List.of(), dir.resolve("big.csv"),
                (done, total) -> reports.add(new long[] {done, total}), new CancelToken());

        assertArrayEquals(new long[] {0, 1000}, reports.get(0));
        assertArrayEquals(new long[] {1000, 1000}, reports.get(reports.size() - 1));
        assertTrue(reports.size() <= 202, "reported in batches, not per row: " + reports.size());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0]);
        }
    }

    @Test
    void cancellingLeavesTheOldFile() throws Exception {
        Path out = Files.writeString(dir.resolve("column.csv"), "old");
        Map<String, String> before = snapshot(dir);
        CancelToken cancel = new CancelToken();
        List<Long> reported = new ArrayList<>();

        assertThrows(ExportCancelledException.class, () -> csv.write(1000, 2, new double[2000], List.of(), out,
                (done, total) -> {
                    reported.add(done);
                    if (done >= 500) {
                        cancel.cancel();
                    }
                }, cancel));

        assertEquals(500L, reported.get(reported.size() - 1), "no row written after the cancel");

        assertNoTemporaryFiles(dir, before);
    }

    private static final double[] VALUES = new java.util.Random(7).doubles(3000).toArray();

    private static void writeColumns(UnaryOperator<OutputStream> filter, Path target) throws ExportException {
        new CsvExport(filter).write(1000, 3, VALUES, List.of(), target, ExportProgress.NONE, new CancelToken());
    }

    private static Path oldColumns(Path folder) throws IOException {
        return Files.writeString(folder.resolve("column.csv"), "1,2,3\r\n");
    }

    @Property(tries = 15)
    void aFullDiskLeavesTheOldFileAndNoTemporaries(@ForAll @IntRange(min = 0, max = 99) int percent)
            throws Exception {
        ExportException e = ExportFixtures.failsOnAFullDisk(percent / 100.0, CsvExportTest::writeColumns,
                CsvExportTest::oldColumns);
        assertOneLine(e, "column.csv", "the disk is full");
    }

    @Test
    void anEncoderFailingUncheckedIsOneLineAndLeavesTheOldFile() throws Exception {
        ExportException e = ExportFixtures.failsInTheEncoder(new IllegalStateException("stream broke"),
                CsvExportTest::writeColumns, CsvExportTest::oldColumns);
        assertOneLine(e, "Could not write ", "column.csv: stream broke.");
    }

    @Test
    void missingAndUnwritableFoldersAreNamed() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("results"));
        Map<String, String> before = snapshot(folder);

        ExportException missing = assertThrows(ExportException.class, () -> csv.write(1, 1, new double[1], List.of(),
                dir.resolve("absent").resolve("m.csv"), ExportProgress.NONE, new CancelToken()));
        try (AutoCloseable locked = ExportFixtures.lock(folder)) {
            ExportException unwritable = assertThrows(ExportException.class, () -> csv.write(1, 1, new double[1],
                    List.of(), folder.resolve("m.csv"), ExportProgress.NONE, new CancelToken()));
            assertOneLine(unwritable, "the folder " + folder + " is not writable");
        }

        assertOneLine(missing, "the folder " + dir.resolve("absent") + " does not exist");
        assertNoTemporaryFiles(folder, before);
    }

    @Test
    void shapeMismatchesAreProgrammingErrors() {
        Path out = dir.resolve("m.csv");

        assertThrows(IllegalArgumentException.class,
                () -> csv.write(2, 2, new double[3], List.of(), out, ExportProgress.NONE, new CancelToken()));
        assertThrows(IllegalArgumentException.class,
                () -> csv.write(1, 2, new double[2], List.of("only one"), out, ExportProgress.NONE, new CancelToken()));
    }
}
