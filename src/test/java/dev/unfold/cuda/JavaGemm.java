package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.DeviceMemory;
import java.nio.DoubleBuffer;

/** cublasDgemm's contract written out in Java over FakeDriver memory: column-major, alpha 1, beta 0. */
final class JavaGemm implements DeviceGemm {

    int calls;

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      DeviceMemory a, int lda, DeviceMemory b, int ldb, DeviceMemory c, int ldc) {
        calls++;
        DoubleBuffer av = ((FakeDriver.FakeMemory) a).bytes.duplicate().clear().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer bv = ((FakeDriver.FakeMemory) b).bytes.duplicate().clear().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
        DoubleBuffer cv = ((FakeDriver.FakeMemory) c).bytes.duplicate().clear().order(java.nio.ByteOrder.nativeOrder()).asDoubleBuffer();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? av.get(p + i * lda) : av.get(i + p * lda);
                    double y = transB ? bv.get(j + p * ldb) : bv.get(p + j * ldb);
                    sum += x * y;
                }
                cv.put(i + j * ldc, sum);
            }
        }
    }

    @Override
    public String name() {
        return "Java reference product";
    }

    @Override
    public void close() {
    }
}
