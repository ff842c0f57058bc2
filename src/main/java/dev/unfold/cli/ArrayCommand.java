package dev.unfold.cli;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendChoice;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;
import dev.unfold.core.FailureText;
import dev.unfold.core.Geometry;
import dev.unfold.io.NdArray;
import dev.unfold.io.Npy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One array in, one array out: check OUT (and that it is not IN's own file), read IN's header, plan the geometry,
 * check memory, and only then read the data, compute and write OUT atomically. Every failure before the write leaves OUT as it was.
 */
abstract class ArrayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "Input .npy file (float32 or float64).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output .npy file, written with the input's dtype.")
    Path out;

    @Mixin
    WindowOptions window;

    @Spec
    CommandSpec spec;

    /** What to compute for an input with this header. */
    record Plan(Geometry geometry, int[] outputShape) {
    }

    abstract Plan plan(Npy.Header header);

    abstract NdArray compute(Backend backend, Plan plan, NdArray input);

    @Override
    public Integer call() {
        ArrayFiles.checkTarget(out, typed(1));
        ArrayFiles.refuseSameFile(in, out);
        Npy.Header header = ArrayFiles.header(in);
        Plan plan = plan(header);
        String memory = plan.geometry().allocationProblem(header.dtype());
        if (memory != null) {
            throw new CliError(memory);
        }
        try {
            run(plan);
        } catch (OutOfMemoryError e) { // the check above is an estimate: the heap may be fragmented or held
            Geometry g = plan.geometry();
            long bytes = ((long) g.columnSize() + g.inputSize()) * header.dtype().bytes();
            throw new CliError(String.format(Locale.ROOT, "out of memory: the input and the %s result need about "
                    + "%.1f MiB together, more than this JVM could allocate (at most %.1f MiB); raise -Xmx or use a "
                    + "smaller input", spec.name(), bytes / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0));
        }
        return 0;
    }

    private void run(Plan plan) {
        NdArray input = ArrayFiles.read(in);
        NdArray result;
        try (Backend backend = open(window.backend)) {
            try {
                result = compute(backend, plan, input);
            } catch (RuntimeException e) {
                throw new CliError(backend.name() + " backend failed: " + FailureText.oneLine(e));
            }
            ArrayFiles.write(out, result);
            spec.commandLine().getOut().println("wrote " + out + ": " + NdArray.formatShape(result.shape()) + " "
                    + result.dtype() + " (" + spec.name() + " of " + plan.geometry() + ", " + window.layout
                    + " layout, " + backend.name() + " backend)");
        }
    }

    /** The positional parameter as typed, before picocli made it a {@link Path} (which normalises it). */
    private String typed(int index) {
        return spec.positionalParameters().stream().filter(p -> p.index().min() == index)
                .flatMap(p -> p.originalStringValues().stream()).findFirst().orElse("");
    }

    static Backend open(BackendChoice choice) {
        return open(Backends.discover(), choice);
    }

    static Backend open(Backends backends, BackendChoice choice) {
        try {
            return backends.open(choice).backend();
        } catch (BackendUnavailableException e) {
            throw new CliError((choice == BackendChoice.CUDA ? "CUDA" : choice.label()) + " backend unavailable: "
                    + e.getMessage());
        }
    }
}
