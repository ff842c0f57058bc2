package dev.unfold.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;

/** Prints bench rows as they come: JSON lines for scripts, or an aligned table for people. */
final class BenchReport {

    private static final MathContext DIGITS = new MathContext(4);
    private static final String TABLE = "%-11s %-7s %-7s %-7s %-8s %7s %10s %10s %8s %10s %7s";
    private static final String PHASES = " %10s %10s %10s";

    private final PrintWriter out;
    private final boolean json;
    private final boolean phases;
    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private boolean headerDone;

    BenchReport(PrintWriter out, boolean json, boolean phases) {
        this.out = out;
        this.json = json;
        this.phases = phases;
    }

    /** A comment line above the table. */
    void preamble(String text) {
        out.println("# " + text);
        flush();
    }

    void row(BenchRow r) {
        if (json) {
            out.println(json(r));
        } else {
            if (!headerDone) {
                out.println(String.format(TABLE, "workload", "op", "backend", "layout", "dtype", "threads",
                        "median_ms", "min_ms", "GB/s", "floor_ms", "ratio")
                        + (phases ? String.format(PHASES, "h2d_ms", "kernel_ms", "d2h_ms") : ""));
                headerDone = true;
            }
            String line = String.format(TABLE, r.workload(), r.op(), r.backend(), r.layout(), r.dtype(), r.threads(),
                    round(r.medianMs()), round(r.minMs()), round(r.gbps()), round(r.copyFloorMs()), round(r.ratio()));
            if (r.phases() != null) {
                line += String.format(PHASES, round(r.phases()[0]), round(r.phases()[1]), round(r.phases()[2]));
            }
            out.println(line);
        }
        flush();
    }

    /**
     * A PrintWriter keeps its write errors to itself: without this check, {@code bench | head -1} would go on
     * measuring for minutes after the reader had gone.
     */
    private void flush() {
        out.flush();
        if (out.checkError()) {
            throw new CliError("cannot write the results: standard output was closed or failed");
        }
    }

    private String json(BenchRow r) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("workload", r.workload());
            g.writeStringField("op", r.op());
            g.writeStringField("backend", r.backend());
            g.writeStringField("layout", r.layout().label());
            g.writeStringField("dtype", r.dtype().label());
            g.writeNumberField("threads", r.threads());
            g.writeNumberField("reps", r.reps());
            g.writeNumberField("calls_per_rep", r.batch());
            g.writeNumberField("bytes", r.bytes());
            g.writeNumberField("median_ms", decimal(r.medianMs()));
            g.writeNumberField("min_ms", decimal(r.minMs()));
            g.writeNumberField("gbps", decimal(r.gbps()));
            g.writeNumberField("copy_floor_ms", decimal(r.copyFloorMs()));
            g.writeNumberField("copy_floor_min_ms", decimal(r.copyFloorMinMs()));
            g.writeNumberField("ratio", decimal(r.ratio()));
            if (r.phases() != null) {
                g.writeNumberField("h2d_ms", decimal(r.phases()[0]));
                g.writeNumberField("kernel_ms", decimal(r.phases()[1]));
                g.writeNumberField("d2h_ms", decimal(r.phases()[2]));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** Four significant digits: more than repeated runs agree on, and never rounds a tiny time to zero. */
    private static BigDecimal decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("bench measured a non-finite number: " + value);
        }
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros();
    }

    private static String round(double value) {
        return Double.isFinite(value) ? decimal(value).toPlainString() : String.valueOf(value);
    }
}
