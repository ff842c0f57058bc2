package dev.unfold.cpu;

import dev.unfold.core.Availability;
import dev.unfold.core.Backend;
import dev.unfold.core.BackendProvider;

/** The CPU backend is always there; {@code unfold.threads} (system property) overrides the thread count. */
public final class CpuBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Availability probe() {
        return Availability.yes("CPU, " + threads() + (threads() == 1 ? " thread" : " threads"));
    }

    @Override
    public Backend open() {
        return new CpuBackend(threads());
    }

    private static int threads() {
        Integer t = Integer.getInteger("unfold.threads");
        return t != null && t > 0 ? t : Runtime.getRuntime().availableProcessors();
    }
}
