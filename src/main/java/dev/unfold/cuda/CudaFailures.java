package dev.unfold.cuda;

import dev.unfold.core.FailureText;
import java.time.Duration;
import java.util.Locale;

/**
 * Why CUDA does not work here, in one line a user can act on. Users see these after "CUDA unavailable: "
 * in {@code info}, in the status bar, and from {@code --backend cuda}.
 */
final class CudaFailures {

    /** What the shipped PTX declares; build-ptx.sh writes it and PtxResourceTest keeps this line true. */
    static final String PTX_LABEL = "PTX .version 4.0, .target sm_50";

    private CudaFailures() {
    }

    static String reason(Throwable t) {
        if (t instanceof LinkageError) {
            return linkReason((LinkageError) t);
        }
        if (t instanceof CudaError e) {
            return errorReason(e);
        }
        return FailureText.oneLine(t);
    }

    private static String linkReason(LinkageError e) {
        String all = fullText(e);
        if (all.contains("libcuda.so") && all.contains("cannot open shared object file")) {
            return "no NVIDIA driver: libcuda.so.1 was not found (install the NVIDIA driver, version 525.60.13 or later)";
        }
        if (all.contains("undefined symbol")) {
            return "the NVIDIA driver is too old for JCuda 12.6 (" + linkDetail(all) + "); install driver 525.60.13 or later";
        }
        if (all.contains("No resource found")) {
            return "this installation has no JCuda 12.6 native library for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch");
        }
        return "the JCuda native library did not load: " + linkDetail(all);
    }

    private static String errorReason(CudaError e) {
        int code = e.code();
        String name = CudaError.name(code);
        if (code == CudaError.NO_DEVICE) {
            return "no CUDA device: the NVIDIA driver found no GPU (" + name + ")";
        }
        if (code == CudaError.INSUFFICIENT_DRIVER || code == CudaError.STUB_LIBRARY) {
            return "the NVIDIA driver is too old or a stub (" + name + "); JCuda 12.6 needs a CUDA 12 driver, "
                    + "version 525.60.13 or later";
        }
        if (code == CudaError.UNSUPPORTED_PTX_VERSION || code == CudaError.INVALID_PTX
                || code == CudaError.NO_BINARY_FOR_GPU || code == CudaError.JIT_COMPILER_NOT_FOUND) {
            return "the NVIDIA driver cannot compile Unfold's kernels (" + PTX_LABEL + "): " + name
                    + " in " + e.call() + "; update the driver";
        }
        if (code == CudaError.OUT_OF_MEMORY) {
            return "out of device memory (" + name + " in " + e.call() + ")";
        }
        if (e.call().startsWith("cuLaunchKernel") || e.sticky()) {
            return "a CUDA kernel failed: " + name + " in " + e.call();
        }
        return "CUDA error: " + name + " in " + e.call();
    }

    private static String fullText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
        }
        return b.toString();
    }

    /** The dynamic linker's complaint (a missing library or symbol) from JCuda's long report, else its first line. */
    private static String linkDetail(String text) {
        String[] lines = text.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            int at = lines[i].indexOf("UnsatisfiedLinkError: ");
            if (at >= 0) {
                return lines[i].substring(at + "UnsatisfiedLinkError: ".length()).strip();
            }
        }
        return lines[0].strip();
    }

    /** A time limit as users set it, in seconds: "20 s", "0.2 s". */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
