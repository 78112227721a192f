package org.openaperture.common.application;

import java.util.ArrayList;
import java.util.List;

/**
 * The cancel switch of one running job. Whoever starts something that can be stopped (a process) registers how
 * to stop it; {@link #cancel()} runs those hooks once, and a hook registered after the cancel runs at once.
 */
public final class Cancellation {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = List.copyOf(hooks);
            hooks.clear();
        }
        run.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers {@code hook}; returns a handle that unregisters it once the thing it stops has ended. */
    public AutoCloseable onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return () -> {
                    synchronized (this) {
                        hooks.remove(hook);
                    }
                };
            }
        }
        hook.run();
        return () -> {};
    }
}
