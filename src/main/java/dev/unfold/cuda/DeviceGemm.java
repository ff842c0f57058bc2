package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.DeviceMemory;
import dev.unfold.cuda.CudaDriver.Stream;

/**
 * Double-precision matrix product on the device, in BLAS's column-major convention:
 * {@code C (m×n) = op(A) · op(B)} with leading dimensions as cublasDgemm takes them, alpha 1, beta 0.
 * {@link CublasGemm} is cuBLAS; tests put in a plain Java product.
 */
interface DeviceGemm extends AutoCloseable {

    /** Opens a product engine for the driver's current context, or throws (LinkageError when cuBLAS is missing). */
    interface Factory {
        DeviceGemm open(CudaDriver driver, Stream stream);
    }

    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               DeviceMemory a, int lda, DeviceMemory b, int ldb, DeviceMemory c, int ldc);

    /** One line for the backend's description, such as "cuBLAS 12.6". */
    String name();

    @Override
    void close();
}
