package dev.unfold.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.core.Backend;
import dev.unfold.core.BackendParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The system property {@code unfold.threads} sets the provider's thread count; anything below one is ignored. */
class CpuBackendProviderTest {

    private static final String PROPERTY = "unfold.threads";
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void thePropertySetsTheThreadCount() {
        CpuBackendProvider provider = new CpuBackendProvider();
        System.setProperty(PROPERTY, "3");
        assertThreads(provider, 3, "CPU, 3 threads");
        System.setProperty(PROPERTY, "1");
        assertThreads(provider, 1, "CPU, 1 thread");
    }

    @Test
    void withoutAUsableValueEveryProcessorIsUsed() {
        CpuBackendProvider provider = new CpuBackendProvider();
        int cores = Runtime.getRuntime().availableProcessors();
        String all = "CPU, " + cores + (cores == 1 ? " thread" : " threads");
        for (String value : new String[] {null, "0", "-2", "many"}) {
            if (value == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, value);
            }
            assertThreads(provider, cores, all);
        }
    }

    private static void assertThreads(CpuBackendProvider provider, int threads, String detail) {
        assertEquals(detail, provider.probe().detail());
        try (Backend b = provider.open()) {
            assertEquals(threads, ((CpuBackend) b).threads());
            assertEquals(detail, b.description());
            assertEquals(new BackendParts("cpu", threads, null, null, null), b.parts());
        }
    }
}
