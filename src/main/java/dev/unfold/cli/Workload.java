package dev.unfold.cli;

import dev.unfold.core.Geometry;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The benchmark geometries, the same as the peers script ({@code shared/bench/peers.py}) times; public for
 * the GPU machine's kernel timer (the test class CudaKernelTimes).
 */
public enum Workload {
    RESNET3X3("resnet3x3", new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 1, 1, 1, 1)),
    STEM7X7S2("stem7x7s2", new Geometry(8, 3, 224, 224, 7, 7, 2, 2, 3, 3, 1, 1)),
    DILATED3X3("dilated3x3", new Geometry(8, 64, 56, 56, 3, 3, 1, 1, 2, 2, 2, 2)),
    CLASSROOM("classroom", new Geometry(1, 1, 28, 28, 3, 3, 1, 1, 1, 1, 1, 1));

    private final String label;
    private final Geometry geometry;

    Workload(String label, Geometry geometry) {
        this.label = label;
        this.geometry = geometry;
    }

    public String label() {
        return label;
    }

    public Geometry geometry() {
        return geometry;
    }

    static String labels() {
        return Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "));
    }

    /** What {@code --workload} chose; a record, so picocli takes it as one value and not a repeated option. */
    record Selection(List<Workload> workloads) {
    }

    static final class SelectionConverter implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String text) {
            if (text.equalsIgnoreCase("all")) {
                return new Selection(List.of(values()));
            }
            for (Workload w : values()) {
                if (w.label.equalsIgnoreCase(text)) {
                    return new Selection(List.of(w));
                }
            }
            throw new TypeConversionException("unknown workload '" + text + "' (expected " + labels() + " or all)");
        }
    }
}
