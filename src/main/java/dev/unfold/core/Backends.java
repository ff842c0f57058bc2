package dev.unfold.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The backends this installation knows, found through {@link ServiceLoader}, and the rule that picks one:
 * {@code cpu} always works; {@code cuda} works or says why not; {@code auto} takes CUDA when it works.
 * Probes run once per instance and are cached, since a GPU probe can take a second.
 */
public final class Backends {

    /** The chosen backend; {@code cudaUnavailable} says why {@code auto} fell back to the CPU, else null. */
    public record Selection(Backend backend, String cudaUnavailable) {
    }

    private final List<BackendProvider> providers;
    private final Map<String, Availability> probes = new LinkedHashMap<>();

    public Backends(List<BackendProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /** The providers on the class path. */
    public static Backends discover() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(found::add);
        return new Backends(found);
    }

    public List<String> names() {
        return providers.stream().map(BackendProvider::name).toList();
    }

    /** Availability of one provider by name; a name nobody provides is unavailable, with that reason. */
    public synchronized Availability availability(String name) {
        return probes.computeIfAbsent(name, n -> {
            BackendProvider p = find(n);
            if (p == null) {
                return Availability.no("no " + n + " backend is built into this installation");
            }
            try {
                return p.probe();
            } catch (Throwable t) { // a probe must not take the application down, whatever a native library does
                return Availability.no(n + " probe failed: " + FailureText.oneLine(t));
            }
        });
    }

    public Selection open(BackendChoice choice) throws BackendUnavailableException {
        switch (choice) {
            case CPU:
                return new Selection(openNamed("cpu"), null);
            case CUDA:
                return new Selection(openNamed("cuda"), null);
            default:
                Availability cuda = availability("cuda");
                if (cuda.available()) {
                    try {
                        return new Selection(openNamed("cuda"), null);
                    } catch (BackendUnavailableException e) {
                        return new Selection(openNamed("cpu"), e.getMessage());
                    }
                }
                return new Selection(openNamed("cpu"), cuda.detail());
        }
    }

    private Backend openNamed(String name) throws BackendUnavailableException {
        Availability a = availability(name);
        if (!a.available()) {
            throw new BackendUnavailableException(a.detail());
        }
        try {
            return find(name).open();
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new BackendUnavailableException(name + " backend failed to start: " + FailureText.oneLine(t), t);
        }
    }

    private BackendProvider find(String name) {
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
