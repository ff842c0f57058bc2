package dev.unfold.cuda;

import java.util.Set;
import jcuda.driver.CUresult;

/** A driver call that returned something other than CUDA_SUCCESS. Codes are cuda.h's CUresult values. */
final class CudaError extends RuntimeException {

    static final int OUT_OF_MEMORY = 2;
    static final int STUB_LIBRARY = 34;
    static final int INSUFFICIENT_DRIVER = 35;
    static final int NO_DEVICE = 100;
    static final int NO_BINARY_FOR_GPU = 209;
    static final int INVALID_PTX = 218;
    static final int JIT_COMPILER_NOT_FOUND = 221;
    static final int UNSUPPORTED_PTX_VERSION = 222;
    static final int NOT_FOUND = 500;
    static final int ILLEGAL_ADDRESS = 700;
    static final int LAUNCH_OUT_OF_RESOURCES = 701;

    /**
     * Errors that leave the context unusable: the device stopped a kernel, and every later call in this
     * process fails the same way (CUDA calls them sticky). Illegal address, launch timeout, device assert,
     * hardware stack error, illegal instruction, misaligned address, invalid address space, invalid PC,
     * launch failed.
     */
    private static final Set<Integer> STICKY = Set.of(700, 702, 710, 714, 715, 716, 717, 718, 719);

    private final int code;
    private final String call;

    CudaError(int code, String call) {
        super(call + ": " + name(code) + " (" + code + ")");
        this.code = code;
        this.call = call;
    }

    int code() {
        return code;
    }

    /** The driver function that failed, such as {@code cuMemAlloc}. */
    String call() {
        return call;
    }

    boolean sticky() {
        return STICKY.contains(code);
    }

    /** The driver's name for a code, such as {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    static String name(int code) {
        // JCuda 12.6 has no name for 35, which an old driver returns
        return code == INSUFFICIENT_DRIVER ? "CUDA_ERROR_INSUFFICIENT_DRIVER" : CUresult.stringFor(code);
    }
}
