package dev.unfold.app.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.BackendParts;
import dev.unfold.cpu.CpuBackend;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BackendTextTest {

    private static final I18n EN = new I18n(Locale.ENGLISH);
    private static final I18n KO = new I18n(Locale.KOREAN);
    private static final String DEVICE = "NVIDIA H100 (sm_90, 79.1 GiB, 132 SMs, CUDA driver 12.6)";

    @Test
    void theCpuBackendInEnglishReadsAsItsOwnDescription() {
        for (int threads : new int[] {1, 2, 16}) {
            try (CpuBackend b = new CpuBackend(threads)) {
                assertEquals(b.description(), BackendText.describe(b.parts(), EN));
            }
        }
    }

    @Test
    void koreanCountsThreadsInKorean() {
        try (CpuBackend b = new CpuBackend(2)) {
            assertEquals("CPU, 스레드 2개", BackendText.describe(b.parts(), KO));
        }
    }

    @Test
    void cudaNamesTheDeviceAndWhereTheMatrixProductRuns() {
        BackendParts cublas = new BackendParts("cuda", 0, DEVICE, "cuBLAS 12.6", null);
        BackendParts cpuGemm = new BackendParts("cuda", 0, DEVICE, null, "libcublas.so.12 not found");
        assertEquals("CUDA on " + DEVICE + "; matmul on cuBLAS 12.6", BackendText.describe(cublas, EN));
        assertEquals(DEVICE + "의 CUDA, 행렬 곱은 cuBLAS 12.6", BackendText.describe(cublas, KO));
        assertEquals("CUDA on " + DEVICE + "; matmul on the CPU: libcublas.so.12 not found",
                BackendText.describe(cpuGemm, EN));
        assertEquals(DEVICE + "의 CUDA, 행렬 곱은 CPU에서: libcublas.so.12 not found",
                BackendText.describe(cpuGemm, KO));
    }

    @Test
    void aFallbackSaysWhyInTheWindowsLanguageAndKeepsTheDriversReason() {
        BackendParts cpu = new BackendParts("cpu", 2, null, null, null);
        String why = "no CUDA driver (libcuda.so.1 not found)";
        assertEquals("CPU, 2 threads — CUDA unavailable: " + why, BackendText.describe(cpu, why, EN));
        assertEquals("CPU, 스레드 2개 — CUDA 사용 불가: " + why, BackendText.describe(cpu, why, KO));
        assertEquals("CPU, 2 threads", BackendText.describe(cpu, null, EN));
    }

    @Test
    void aBackendWithoutPartsShowsItsDescription() {
        BackendParts other = new BackendParts("fake", 0, "a fake backend", null, null);
        assertEquals("a fake backend", BackendText.describe(other, KO));
    }
}
