package dev.unfold.cli;

import dev.unfold.core.DType;
import dev.unfold.core.Layout;

/**
 * One measured operation on one workload, timed over {@code reps} repetitions of {@code batch} calls.
 * {@code bytes} is the input read plus the output written; {@code phases} holds the median host→device, kernel and device→host milliseconds, or null when the
 * backend does not report them.
 */
record BenchRow(String workload, String op, String backend, Layout layout, DType dtype, int threads,
                int reps, int batch, long bytes, double medianMs, double minMs, double copyFloorMs, double copyFloorMinMs,
                double[] phases) {

    /** Gigabytes (10^9) per second at the median time. */
    double gbps() {
        return bytes / (medianMs * 1e6);
    }

    double ratio() {
        return medianMs / copyFloorMs;
    }
}
