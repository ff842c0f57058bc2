package dev.unfold.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unfold.cpu.CpuBackend;
import dev.unfold.cpu.CpuBackendProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a backend is chosen, with the CUDA provider replaced by stand-ins that fail in each way. */
class BackendsTest {

    private static BackendProvider cuda(Availability probe, Backend opened, RuntimeException onOpen) {
        return new BackendProvider() {
            @Override
            public String name() {
                return "cuda";
            }

            @Override
            public Availability probe() {
                if (probe == null) {
                    throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file");
                }
                return probe;
            }

            @Override
            public Backend open() {
                if (onOpen != null) {
                    throw onOpen;
                }
                return opened;
            }
        };
    }

    @Test
    void autoTakesTheDeviceWhenItWorks() throws Exception {
        Backend device = new CpuBackend(1);
        Backends b = new Backends(List.of(new CpuBackendProvider(), cuda(Availability.yes("fake GPU"), device, null)));
        Backends.Selection s = b.open(BackendChoice.AUTO);
        assertSame(device, s.backend());
        assertNull(s.cudaUnavailable());
        Backends.Selection asked = b.open(BackendChoice.CUDA);
        assertSame(device, asked.backend(), "asked for by name");
        assertNull(asked.cudaUnavailable());
    }

    @Test
    void autoFallsBackToTheCpuAndSaysWhy() throws Exception {
        Backends b = new Backends(List.of(new CpuBackendProvider(),
                cuda(Availability.no("no CUDA driver (libcuda.so.1 not found)"), null, null)));
        Backends.Selection s = b.open(BackendChoice.AUTO);
        assertEquals("cpu", s.backend().name());
        assertEquals("no CUDA driver (libcuda.so.1 not found)", s.cudaUnavailable());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> b.open(BackendChoice.CUDA));
        assertEquals("no CUDA driver (libcuda.so.1 not found)", e.getMessage());
    }

    @Test
    void aProbeThatThrowsIsAReasonNotACrash() throws Exception {
        Backends b = new Backends(List.of(new CpuBackendProvider(), cuda(null, null, null)));
        Availability a = b.availability("cuda");
        assertFalse(a.available());
        assertEquals("cuda probe failed: libcuda.so.1: cannot open shared object file", a.detail());
        assertEquals("cpu", b.open(BackendChoice.AUTO).backend().name());
    }

    @Test
    void aDeviceThatFailsToOpenFallsBack() throws Exception {
        Backends b = new Backends(List.of(new CpuBackendProvider(),
                cuda(Availability.yes("fake GPU"), null, new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY\n at init"))));
        Backends.Selection s = b.open(BackendChoice.AUTO);
        assertEquals("cpu", s.backend().name());
        assertEquals("cuda backend failed to start: CUDA_ERROR_OUT_OF_MEMORY at init", s.cudaUnavailable());
    }

    @Test
    void missingProviderIsNamed() {
        Backends b = new Backends(List.of(new CpuBackendProvider()));
        assertEquals("no cuda backend is built into this installation", b.availability("cuda").detail());
        assertTrue(b.availability("cpu").available());
    }

    @Test
    void discoveryFindsTheCpu() {
        assertTrue(Backends.discover().names().contains("cpu"));
    }
}
