package org.openaperture.worker.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            notifyAll();
            run = List.copyOf(hooks);
            hooks.clear();
        }
        run.forEach(Runnable::run);
    }

    /**
     * Waits {@code duration}, or less when the job is cancelled meanwhile: a job that polls (a deploy monitor)
     * sleeps here so a cancel ends it at once.
     *
     * @return false when the job was cancelled
     */
    public synchronized boolean pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        try {
            while (!cancelled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !cancelled;
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
