package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.unfold.core.Availability;
import dev.unfold.core.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real JCuda path on a machine without a working GPU, such as CI: the installed provider is found,
 * its probe answers in one line, and the application goes on with the CPU. Skipped where CUDA works
 * (CudaDeviceTest covers that case).
 */
class RealDriverTest {

    @Test
    void withoutAWorkingGpuTheInstalledProviderExplainsAndAutoUsesTheCpu() throws Exception {
        Backends backends = Backends.discover();
        assertTrue(backends.names().containsAll(List.of("cpu", "cuda")), backends.names().toString());
        long t0 = System.nanoTime();
        Availability cuda = backends.availability("cuda");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assumeFalse(cuda.available(), "CUDA works here: " + cuda.detail());
        String reason = cuda.detail();
        assertTrue(ms < 30_000, "the probe took " + ms + " ms");
        if (!libcudaInstalled()) {
            assertTrue(reason.startsWith("no NVIDIA driver: libcuda.so.1 was not found"), reason);
        }
        CudaUnavailable.assertChoicesReport(backends, reason);
    }

    @Test
    void withoutLibcublasTheRealCublasLoaderFailsWithAReasonEveryTime() throws Exception {
        assumeFalse(installed("libcublas.so.12"), "libcublas.so.12 is installed here");
        for (int attempt = 0; attempt < 2; attempt++) { // the second attempt replays the first failure
            LinkageError e = assertThrows(LinkageError.class, () -> CublasGemm.open(null, null));
            assertEquals("cuBLAS unavailable (libcublas.so.12 not found)", CudaBackend.gemmReason(e));
        }
    }

    private static boolean libcudaInstalled() throws IOException {
        return installed("libcuda.so.1");
    }

    /** Whether the dynamic linker could find a library in the usual places. */
    private static boolean installed(String library) throws IOException {
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/lib/wsl/lib",
                "/usr/local/cuda/lib64", "/usr/local/cuda/compat")) {
            dirs.add(Path.of(d));
        }
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> found = Files.find(d, 2, (p, a) -> p.getFileName().toString().equals(library))) {
                if (found.findAny().isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
