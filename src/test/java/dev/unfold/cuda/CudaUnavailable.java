package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unfold.core.BackendChoice;
import dev.unfold.core.BackendUnavailableException;
import dev.unfold.core.Backends;

/** What choosing a backend does where CUDA does not work, for the fake drivers and the real one alike. */
final class CudaUnavailable {
    private CudaUnavailable() {
    }

    /**
     * The reason is one line; {@code --backend cuda} fails with exactly that line, and {@code auto} runs on
     * the CPU with it as the note.
     */
    static void assertChoicesReport(Backends backends, String reason) throws BackendUnavailableException {
        assertFalse(reason.isBlank());
        assertFalse(reason.contains("\n") || reason.contains("\r"), "one line: " + reason);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> backends.open(BackendChoice.CUDA));
        assertEquals(reason, e.getMessage());
        Backends.Selection auto = backends.open(BackendChoice.AUTO);
        try {
            assertEquals("cpu", auto.backend().name());
            assertEquals(reason, auto.cudaUnavailable());
        } finally {
            auto.backend().close();
        }
    }
}
