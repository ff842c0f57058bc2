package dev.unfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.unfold.core.Backends;
import dev.unfold.core.DType;
import dev.unfold.core.Layout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench command's output format on the tiny classroom workload: fields and arithmetic, not speed. */
class BenchCommandTest {

    /** What one call moves: the classroom workload's input and column matrix. */
    private static final long CLASSROOM_ELEMENTS =
            (long) Workload.CLASSROOM.geometry().inputSize() + Workload.CLASSROOM.geometry().columnSize();
    private static final List<String> NUMBERS = List.of("median_ms", "min_ms", "gbps", "copy_floor_ms",
            "copy_floor_min_ms", "ratio");

    /** One flat JSON object; fails on anything that is not exactly that. */
    static Map<String, Object> parse(String line) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                fields.put(name, switch (value) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    default -> throw new AssertionError("unexpected " + value + " for " + name);
                });
            }
            assertEquals(JsonToken.END_OBJECT, p.currentToken());
            assertEquals(null, p.nextToken(), "text after the object");
        }
        return fields;
    }

    private static double number(Map<String, Object> row, String key) {
        assertTrue(row.containsKey(key), () -> "no " + key + " in " + row);
        assertInstanceOf(Number.class, row.get(key), key);
        return ((Number) row.get(key)).doubleValue();
    }

    private static List<Map<String, Object>> benchJson(String... extra) throws IOException {
        String[] args = new String[] {"bench", "--workload", "classroom", "--reps", "3", "--warmup-ms", "20", "--json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        CliRun r = CliRun.of(all);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), r::toString);
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (String line : r.out().lines().toList()) {
            rows.add(parse(line));
        }
        return rows;
    }

    @Test
    void jsonLinesHoldEveryFieldAsPositiveNumbers() throws IOException {
        List<Map<String, Object>> rows = benchJson("--threads", "1");
        assertEquals(2, rows.size(), "--op defaults to both");
        assertEquals(List.of("im2col", "col2im"), rows.stream().map(r -> r.get("op")).toList());
        for (Map<String, Object> row : rows) {
            assertEquals("classroom", row.get("workload"));
            assertEquals("cpu", row.get("backend"));
            assertEquals("rows", row.get("layout"));
            assertEquals("float32", row.get("dtype"));
            assertEquals(1L, row.get("threads"));
            assertEquals(3L, row.get("reps"));
            assertEquals(CLASSROOM_ELEMENTS * 4, row.get("bytes"), "input read and column written, four bytes each");
            for (String key : NUMBERS) {
                double v = number(row, key);
                assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
            }
            double median = number(row, "median_ms");
            assertTrue(number(row, "min_ms") <= median);
            assertTrue(number(row, "copy_floor_min_ms") <= number(row, "copy_floor_ms"));
            assertEquals(median / number(row, "copy_floor_ms"), number(row, "ratio"), 0.002 * number(row, "ratio"));
            assertEquals(CLASSROOM_ELEMENTS * 4 / (median * 1e6), number(row, "gbps"), 0.002 * number(row, "gbps"));
            assertFalse(row.containsKey("h2d_ms"), "the CPU backend reports no phases");
        }
    }

    @Test
    void optionsReachTheRows() throws IOException {
        List<Map<String, Object>> rows = benchJson("--threads", "2", "--dtype", "float64", "--layout", "torch",
                "--op", "col2im");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals("col2im", row.get("op"));
        assertEquals("torch", row.get("layout"));
        assertEquals("float64", row.get("dtype"));
        assertEquals(2L, row.get("threads"));
        assertEquals(CLASSROOM_ELEMENTS * 8, row.get("bytes"));
    }

    @Test
    void autoTimesCudaWhereItWorksElseTheCpu() throws IOException {
        String expected = Backends.discover().availability("cuda").available() ? "cuda" : "cpu";
        List<Map<String, Object>> rows = benchJson("--threads", "1", "--backend", "auto", "--op", "im2col");
        assertEquals(expected, rows.get(0).get("backend"));
    }

    @Test
    void helpNamesEveryBackendChoice() {
        CliRun r = CliRun.of("bench", "--help");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("--backend=cpu|cuda|auto"), r::toString);
    }

    @Test
    void withoutJsonItPrintsAnAlignedTable() {
        CliRun r = CliRun.of("bench", "--workload", "classroom", "--reps", "2", "--warmup-ms", "10", "--threads", "1");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(4, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("# CPU, 1 thread; copy floor on 1 thread; 2 reps"), r::toString);
        List<String> header = List.of(lines.get(1).trim().split(" +"));
        assertEquals(List.of("workload", "op", "backend", "layout", "dtype", "threads", "median_ms", "min_ms", "GB/s",
                "floor_ms", "ratio"), header);
        for (String row : lines.subList(2, 4)) {
            String[] cells = row.trim().split(" +");
            assertEquals(header.size(), cells.length, row);
            assertEquals("classroom", cells[0]);
            for (int i = 6; i < cells.length; i++) {
                assertTrue(Double.parseDouble(cells[i]) > 0, row);
            }
            // right-aligned numbers: every row ends its columns where the header does
            assertEquals(lines.get(1).length(), row.length(), row);
        }
    }

    @Test
    void phasesAppearWhenTheBackendReportsThem() throws IOException {
        StringWriter text = new StringWriter();
        BenchReport report = new BenchReport(new PrintWriter(text), true, true);
        report.row(new BenchRow("resnet3x3", "im2col", "cuda", Layout.ROWS, DType.FLOAT32, 2, 20, 1, 64_000_000L,
                4.0, 3.5, 8.0, 7.5, new double[] {1.25, 0.5, 2.25}));
        Map<String, Object> row = parse(text.toString().strip());
        assertEquals(1.25, number(row, "h2d_ms"));
        assertEquals(0.5, number(row, "kernel_ms"));
        assertEquals(2.25, number(row, "d2h_ms"));
        assertEquals(0.5, number(row, "ratio"));
        assertEquals(16.0, number(row, "gbps"));
    }

    @Test
    void numbersKeepFourSignificantDigitsInPlainNotation() throws IOException {
        StringWriter text = new StringWriter();
        new BenchReport(new PrintWriter(text), true, false).row(new BenchRow("classroom", "im2col", "cpu",
                Layout.ROWS, DType.FLOAT32, 1, 3, 1, 31360, 0.000123456, 0.0001, 123456.7, 100000, null));
        String line = text.toString();
        assertTrue(line.contains("\"median_ms\":0.0001235,"), line);
        assertTrue(line.contains("\"copy_floor_ms\":123500,"), line);
    }

    @Test
    void aClosedOutputStopsTheBenchmark() {
        java.io.OutputStream closed = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        BenchReport report = new BenchReport(new PrintWriter(closed), false, false);
        CliError e = org.junit.jupiter.api.Assertions.assertThrows(CliError.class, () -> report.row(new BenchRow(
                "classroom", "im2col", "cpu", Layout.ROWS, DType.FLOAT32, 1, 3, 1, 31360, 0.01, 0.01, 1, 0.001, null)));
        assertEquals("cannot write the results: standard output was closed or failed", e.getMessage());
    }

    /** A CUDA backend whose device stops answering on the second call, as a hung GPU would. */
    private static final class HangingCudaBackend implements dev.unfold.core.Backend {
        private int calls;

        @Override
        public String name() {
            return "cuda";
        }

        @Override
        public String description() {
            return "CUDA on a device that hangs";
        }

        private void call() {
            if (++calls > 1) {
                throw new IllegalStateException("the CUDA device did not finish im2col_rows_f32 within 20 s "
                        + "(cuEventSynchronize); it may be hung");
            }
        }

        @Override
        public void im2col(dev.unfold.core.Geometry g, Layout layout, float[] input, float[] column) {
            call();
        }

        @Override
        public void im2col(dev.unfold.core.Geometry g, Layout layout, double[] input, double[] column) {
            call();
        }

        @Override
        public void col2im(dev.unfold.core.Geometry g, Layout layout, float[] column, float[] input) {
            call();
        }

        @Override
        public void col2im(dev.unfold.core.Geometry g, Layout layout, double[] column, double[] input) {
            call();
        }

        @Override
        public void matmul(int m, int n, int k, double[] a, boolean transA, double[] b, boolean transB,
                           double[] c) {
            call();
        }
    }

    @Test
    void aBackendFailingMidBenchIsOneLineNamingTheBackendNotAnInternalError() {
        dev.unfold.core.BackendProvider cuda = new dev.unfold.core.BackendProvider() {
            @Override
            public String name() {
                return "cuda";
            }

            @Override
            public dev.unfold.core.Availability probe() {
                return dev.unfold.core.Availability.yes("a device that hangs");
            }

            @Override
            public dev.unfold.core.Backend open() {
                return new HangingCudaBackend();
            }
        };
        picocli.CommandLine.IFactory commands = new picocli.CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == BenchCommand.class
                        ? type.cast(new BenchCommand(() -> new Backends(List.of(cuda))))
                        : picocli.CommandLine.defaultFactory().create(type);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new String[] {"bench", "--backend", "cuda", "--workload", "classroom", "--reps", "3",
                "--warmup-ms", "0"}, new PrintWriter(out), new PrintWriter(err), commands);
        assertEquals(2, exit, err::toString);
        assertEquals("unfold: cuda backend failed: the CUDA device did not finish im2col_rows_f32 within 20 s "
                + "(cuEventSynchronize); it may be hung", err.toString().strip());
    }
}
