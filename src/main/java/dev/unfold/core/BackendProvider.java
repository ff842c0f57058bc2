package dev.unfold.core;

/**
 * Discovers and opens one kind of backend. Providers are found with {@link java.util.ServiceLoader};
 * {@link #probe()} must never throw and never hang: a missing driver, library or device is a reason string.
 */
public interface BackendProvider {

    /** {@code cpu} or {@code cuda}. */
    String name();

    /** Whether a backend can be opened here and, if not, why. */
    Availability probe();

    /** Opens the backend; throws {@link BackendUnavailableException} with the reason when it cannot. */
    Backend open() throws BackendUnavailableException;
}
