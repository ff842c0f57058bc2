package dev.unfold.cuda;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik container or property, with the reason, where g++ is missing. */
public final class RequiresGpp implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String reason = KernelHarness.unavailableReason();
        return reason == null ? SkipResult.doNotSkip() : SkipResult.skip(reason);
    }
}
