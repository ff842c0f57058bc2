package dev.unfold.export;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a row-major matrix as CSV (RFC 4180: comma separated, CRLF line ends, UTF-8). Numbers do not
 * depend on the locale: a point for decimals, integers without a fraction, everything else in Java's
 * shortest-that-reads-back form ({@code 0.1}, {@code 1.0E-5}, {@code NaN}, {@code Infinity}), so reading
 * the file back gives every value bit for bit. Spreadsheets read all of these as numbers.
 */
public final class CsvExport {
    /** Progress is reported about this many times per export, not once per row. */
    private static final int PROGRESS_STEPS = 200;

    private final UnaryOperator<OutputStream> filter;

    public CsvExport() {
        this(UnaryOperator.identity());
    }

    /**
     * {@code filter} wraps the stream of every file written: a byte counter, say, or in tests a disk that
     * runs full part way.
     */
    public CsvExport(UnaryOperator<OutputStream> filter) {
        this.filter = filter;
    }

    /**
     * Writes the {@code rows × cols} matrix held row-major in {@code values}; {@code header} names the columns
     * for a first line, or is empty for none.
     */
    public void write(int rows, int cols, double[] values, List<String> header, Path target, ExportProgress progress,
                      CancelToken cancel) throws ExportException {
        if (rows < 0 || cols < 1 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException(values.length + " values for a " + rows + " × " + cols + " matrix");
        }
        if (!header.isEmpty() && header.size() != cols) {
            throw new IllegalArgumentException(header.size() + " column names for " + cols + " columns");
        }
        FileExport.write(target, filter, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            progress.update(0, rows);
            if (!header.isEmpty()) {
                for (int c = 0; c < cols; c++) {
                    writer.write(c == 0 ? "" : ",");
                    writer.write(quote(header.get(c)));
                }
                writer.write("\r\n");
            }
            int step = Math.max(1, rows / PROGRESS_STEPS);
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                ExportFiles.checkCancelled(cancel);
                line.setLength(0);
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(number(values[r * cols + c]));
                }
                writer.append(line).append("\r\n");
                if ((r + 1) % step == 0 || r + 1 == rows) {
                    progress.update(r + 1, rows);
                }
            }
            ExportFiles.checkCancelled(cancel);
            writer.flush();
        });
    }

    /** One value as text that reads back to the same double in any locale. */
    static String number(double v) {
        boolean negativeZero = v == 0 && Double.doubleToRawLongBits(v) != 0;
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
