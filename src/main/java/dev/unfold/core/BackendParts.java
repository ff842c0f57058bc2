package dev.unfold.core;

/**
 * What {@link Backend#description()} says, as data, for a window that puts it into the words of its own
 * language. Fields that do not apply to the backend are 0 or null.
 *
 * @param name             the backend's short name
 * @param cpuThreads       threads a CPU backend splits its work over
 * @param device           the device in one line, as the driver names it
 * @param matmulLibrary    the library that runs the matrix product on the device
 * @param matmulOnCpuWhy   why the matrix product runs on the CPU instead
 */
public record BackendParts(String name, int cpuThreads, String device, String matmulLibrary, String matmulOnCpuWhy) {
}
