package dev.unfold.core;

/**
 * A backend that can say where the time of its last call went, such as CUDA's transfers and kernel.
 * Benchmarks report these phases next to the wall-clock time when a backend offers them.
 */
public interface PhaseTimed {

    /** Milliseconds of the last im2col or col2im call, by phase; the kernel time from device events. */
    record Phases(double hostToDeviceMs, double kernelMs, double deviceToHostMs) {
    }

    Phases lastPhases();
}
