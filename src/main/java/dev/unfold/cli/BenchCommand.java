package dev.unfold.cli;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.Backends;
import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import dev.unfold.core.Layout;
import dev.unfold.core.PhaseTimed;
import dev.unfold.core.FailureText;
import dev.unfold.cpu.CpuBackend;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "bench", header = "Time im2col and col2im against the copy floor.",
        mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Times im2col and col2im on fixed workloads against the copy floor: the time "
                + "System.arraycopy takes to move the same bytes (input read + output written) on the same "
                + "threads, measured in the same process. ratio = median_ms / copy_floor_ms.", ""},
        footer = {"", "Workloads (float32 unless --dtype): resnet3x3 (8,64,56,56) k3 s1 p1; stem7x7s2 (8,3,224,224) "
                + "k7 s2 p3; dilated3x3 (8,64,56,56) k3 s1 p2 d2; classroom (1,1,28,28) k3 s1 p1.",
                "Example: unfold bench --workload resnet3x3 --op im2col --threads 2 --json"})
final class BenchCommand implements Callable<Integer> {

    /** Warm-up calls made however fast the workload is. */
    private static final int MIN_WARMUP_CALLS = 3;
    /** Each repetition keeps its times, and takes at least 50 µs: more than this is hours, or more memory than there is. */
    static final int MAX_REPS = 100_000;
    /** Shortest timed repetition; faster calls are repeated within one. */
    private static final long MIN_REP_NANOS = 50_000;

    enum Op {
        IM2COL, COL2IM, BOTH;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        List<Op> expand() {
            return this == BOTH ? List.of(IM2COL, COL2IM) : List.of(this);
        }
    }

    static final class OpConverter implements ITypeConverter<Op> {
        @Override
        public Op convert(String text) {
            for (Op op : Op.values()) {
                if (op.label().equalsIgnoreCase(text)) {
                    return op;
                }
            }
            throw new TypeConversionException("unknown op '" + text + "' (expected im2col, col2im or both)");
        }
    }

    @Option(names = "--workload", paramLabel = "NAME|all", defaultValue = "all",
            converter = Workload.SelectionConverter.class,
            description = "resnet3x3, stem7x7s2, dilated3x3, classroom or all (default: ${DEFAULT-VALUE}).")
    Workload.Selection workload;

    @Option(names = "--op", paramLabel = "im2col|col2im|both", defaultValue = "both", converter = OpConverter.class,
            description = "Which operation to time (default: ${DEFAULT-VALUE}).")
    Op op;

    @Option(names = "--backend", paramLabel = "cpu|cuda|auto", defaultValue = "cpu", converter = Choices.BackendConverter.class,
            description = "Backend to time: cpu, cuda, or auto for CUDA when a device works, else the CPU "
                    + "(default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @Option(names = "--threads", paramLabel = "T",
            description = "CPU threads for the backend and the copy floor, 1 to 4 × the processor count "
                    + "(default: the processor count).")
    Integer threads;

    @Option(names = "--layout", paramLabel = "rows|tensor|torch", defaultValue = "rows",
            converter = Choices.LayoutConverter.class, description = "Column layout (default: ${DEFAULT-VALUE}).")
    Layout layout;

    @Option(names = "--dtype", paramLabel = "float32|float64", defaultValue = "float32",
            converter = Choices.DTypeConverter.class, description = "Element type (default: ${DEFAULT-VALUE}).")
    DType dtype;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "20",
            description = "Timed repetitions after the warm-up (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "500",
            description = "Least warm-up time per measurement, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmupMs;

    @Option(names = "--json", description = "One JSON object per line instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Supplier<Backends> discovery;

    BenchCommand() {
        this(Backends::discover);
    }

    /** With the backends that {@code discovery} finds: the tests' way to a backend that fails. */
    BenchCommand(Supplier<Backends> discovery) {
        this.discovery = discovery;
    }

    @Override
    public Integer call() {
        int processors = Runtime.getRuntime().availableProcessors();
        int t = threads == null ? processors : threads;
        if (t < 1 || t > maxThreads(processors)) {
            throw new CliError("--threads must be between 1 and " + maxThreads(processors) + " (4 × the " + processors
                    + (processors == 1 ? " processor" : " processors") + "), got " + t);
        }
        if (reps < 1 || reps > MAX_REPS) {
            throw new CliError("--reps must be between 1 and " + MAX_REPS + ", got " + reps);
        }
        if (warmupMs < 0) {
            throw new CliError("--warmup-ms must be at least 0, got " + warmupMs);
        }
        try (Backend b = open(t); ParallelCopy copier = new ParallelCopy(t)) {
            BenchReport report = new BenchReport(spec.commandLine().getOut(), json, b instanceof PhaseTimed);
            if (!json) {
                report.preamble(b.description() + "; copy floor on " + t + (t == 1 ? " thread" : " threads")
                        + "; " + reps + " reps after at least " + warmupMs + " ms of warm-up");
            }
            for (Workload w : workload.workloads()) {
                runWorkload(w, b, copier, t, report);
            }
        }
        return 0;
    }

    /** Past a few threads per processor, more only time the scheduler; thousands would exhaust the process. */
    static int maxThreads(int processors) {
        return 4 * processors;
    }

    /** The CPU backend gets the threads asked for, which a Backends selection would not give it. */
    private Backend open(int t) {
        if (backend == BackendChoice.CPU) {
            return new CpuBackend(t);
        }
        Backends all = discovery.get(); // one discovery: its probe's CUDA backend is the one opened
        if (backend == BackendChoice.AUTO && !all.availability("cuda").available()) {
            return new CpuBackend(t);
        }
        return ArrayCommand.open(all, BackendChoice.CUDA);
    }

    private void runWorkload(Workload w, Backend b, ParallelCopy copier, int t, BenchReport report) {
        Geometry g = w.geometry();
        long elements = (long) g.inputSize() + g.columnSize();
        long bytes = elements * dtype.bytes();
        requireMemory(w, 2 * bytes);
        Object image = randomArray(g.inputSize(), 1);
        Object column = randomArray(g.columnSize(), 2);
        int floorLength = (int) (elements / 2);
        Object floorSrc = randomArray(floorLength, 3);
        Object floorDst = randomArray(floorLength, 4);
        Runnable floorCall = () -> copier.copy(floorSrc, floorDst, floorLength);
        PhaseTimed phased = b instanceof PhaseTimed p ? p : null;
        for (Op o : op.expand()) {
            Samples floor = new Samples(reps);
            Samples s;
            try {
                s = measure(task(b, g, o, image, column), phased, floorCall, floor);
            } catch (RuntimeException e) { // as im2col and col2im say it, not as an internal error of the bench
                throw new CliError(b.name() + " backend failed: " + FailureText.oneLine(e));
            }
            report.row(new BenchRow(w.label(), o.label(), b.name(), layout, dtype, t, reps, s.batch, bytes,
                    s.median(s.ms), s.min(s.ms), floor.median(floor.ms), floor.min(floor.ms),
                    phased == null ? null : new double[] {s.median(s.h2d), s.median(s.kernel), s.median(s.d2h)}));
        }
    }

    private Runnable task(Backend b, Geometry g, Op o, Object image, Object column) {
        if (image instanceof float[] fi) {
            float[] fc = (float[]) column;
            return o == Op.IM2COL ? () -> b.im2col(g, layout, fi, fc) : () -> b.col2im(g, layout, fc, fi);
        }
        double[] di = (double[]) image;
        double[] dc = (double[]) column;
        return o == Op.IM2COL ? () -> b.im2col(g, layout, di, dc) : () -> b.col2im(g, layout, dc, di);
    }

    /** Milliseconds per call in each repetition of {@code batch} calls, and per phase when reported. */
    private static final class Samples {
        int batch;
        final double[] ms;
        final double[] h2d;
        final double[] kernel;
        final double[] d2h;

        Samples(int reps) {
            ms = new double[reps];
            h2d = new double[reps];
            kernel = new double[reps];
            d2h = new double[reps];
        }

        double median(double[] v) {
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        }

        double min(double[] v) {
            return Arrays.stream(v).min().orElse(Double.NaN);
        }
    }

    /**
     * Warms up, then times {@code reps} repetitions of the call, each right after a repetition of the copy
     * floor, which fills {@code floor}. Timed side by side, both see the same machine: on a shared host the
     * memory bandwidth a copy gets drifts by 2 to 3 times from one second to the next, and a floor timed
     * once, before the call, made ratios that swung as much. The loop itself allocates nothing. A
     * repetition makes enough calls to last {@link #MIN_REP_NANOS}, so that microsecond workloads are not
     * timer noise, and records the time per call.
     */
    private Samples measure(Runnable call, PhaseTimed phased, Runnable floorCall, Samples floor) {
        long warmupEnd = System.nanoTime() + warmupMs * 1_000_000L;
        for (int i = 0; i < MIN_WARMUP_CALLS || System.nanoTime() < warmupEnd; i++) {
            call.run();
            floorCall.run();
        }
        Samples s = new Samples(reps);
        s.batch = calibrate(call);
        floor.batch = calibrate(floorCall);
        for (int r = 0; r < reps; r++) {
            floor.ms[r] = time(floorCall, floor.batch);
            s.ms[r] = time(call, s.batch);
            if (phased != null) {
                PhaseTimed.Phases p = phased.lastPhases();
                s.h2d[r] = p.hostToDeviceMs();
                s.kernel[r] = p.kernelMs();
                s.d2h[r] = p.deviceToHostMs();
            }
        }
        return s;
    }

    /** Calls that fill one minimal repetition, counted once the code is compiled. */
    private static int calibrate(Runnable call) {
        int batch = 0;
        // Counted twice, keeping the second: the first call after the warm-up loop pays for leaving that
        // loop's compiled code, which alone can fill the window and leave microsecond calls timed one by one.
        for (int attempt = 0; attempt < 2; attempt++) {
            batch = 0;
            long calibrationEnd = System.nanoTime() + MIN_REP_NANOS;
            do {
                call.run();
                batch++;
            } while (System.nanoTime() < calibrationEnd && batch < 1_000_000);
        }
        return batch;
    }

    private static double time(Runnable call, int batch) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / batch;
    }

    private Object randomArray(int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        if (dtype == DType.FLOAT32) {
            float[] a = new float[length];
            for (int i = 0; i < length; i++) {
                a[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            return a;
        }
        double[] a = new double[length];
        for (int i = 0; i < length; i++) {
            a[i] = rnd.nextDouble() * 2 - 1;
        }
        return a;
    }

    private void requireMemory(Workload w, long bytes) {
        System.gc(); // the previous workload's buffers are garbage now; count them as free
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new CliError(String.format(Locale.ROOT, "workload %s in %s needs %.1f MiB for its buffers and the "
                    + "copy floor but the JVM can allocate only about %.1f MiB; raise -Xmx or choose another "
                    + "--workload", w.label(), dtype, bytes / 1048576.0, free / 1048576.0));
        }
    }
}
