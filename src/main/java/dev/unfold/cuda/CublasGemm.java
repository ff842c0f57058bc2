package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.DeviceMemory;
import dev.unfold.cuda.CudaDriver.Stream;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * cuBLAS through JCublas2, on the backend's primary context and stream. Loading JCublas2 loads
 * libcublas.so.12, which a machine can lack even when the driver is there: then opening throws a
 * LinkageError and the backend multiplies on the CPU.
 */
final class CublasGemm implements DeviceGemm {

    private static final Pointer ONE = Pointer.to(new double[] {1});
    private static final Pointer ZERO = Pointer.to(new double[] {0});

    private final cublasHandle handle;

    private CublasGemm(cublasHandle handle) {
        this.handle = handle;
    }

    /** The first load's failure, replayed: a failed class initialiser is not retried, and its later error says less. */
    private static LinkageError loadFailure;

    static synchronized DeviceGemm open(CudaDriver driver, Stream stream) {
        if (loadFailure != null) {
            throw loadFailure;
        }
        try {
            JCublas2.setExceptionsEnabled(false); // first touch loads the native library and libcublas
        } catch (LinkageError e) {
            loadFailure = e;
            throw e;
        }
        cublasHandle h = new cublasHandle();
        check(JCublas2.cublasCreate(h), "cublasCreate");
        try {
            check(JCublas2.cublasSetStream(h, new cudaStream_t(((JCudaDriverApi.JStream) stream).handle())), "cublasSetStream");
        } catch (RuntimeException | Error e) {
            JCublas2.cublasDestroy(h);
            throw e;
        }
        return new CublasGemm(h);
    }

    private static void check(int status, String call) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new IllegalStateException(call + ": " + cublasStatus.stringFor(status));
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      DeviceMemory a, int lda, DeviceMemory b, int ldb, DeviceMemory c, int ldc) {
        check(JCublas2.cublasDgemm(handle, op(transA), op(transB), m, n, k, ONE, pointer(a), lda, pointer(b), ldb,
                ZERO, pointer(c), ldc), "cublasDgemm");
    }

    private static int op(boolean transpose) {
        return transpose ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
    }

    private static Pointer pointer(DeviceMemory m) {
        return ((JCudaDriverApi.JMemory) m).pointer();
    }

    @Override
    public String name() {
        return "cuBLAS";
    }

    @Override
    public void close() {
        JCublas2.cublasDestroy(handle);
    }
}
