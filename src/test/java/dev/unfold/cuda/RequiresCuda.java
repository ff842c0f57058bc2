package dev.unfold.cuda;

import dev.unfold.core.Availability;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik container or property, saying why, where CUDA does not work (the installed provider's probe). */
public final class RequiresCuda implements SkipExecutionHook {

    private static CudaBackendProvider provider;

    static synchronized CudaBackendProvider provider() {
        if (provider == null) {
            provider = new CudaBackendProvider();
        }
        return provider;
    }

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Availability a = provider().probe();
        return a.available() ? SkipResult.doNotSkip() : SkipResult.skip("no usable CUDA device: " + a.detail());
    }
}
