package org.openaperture.overseer.infrastructure;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tasks run again and again with a fixed delay on a scheduled executor, for the timer singletons of this
 * package: a run that fails is logged and the task runs again after the next interval; {@link #cancelAll()}
 * stops them all.
 */
final class RepeatedTasks {
    private final ScheduledExecutorService scheduler;
    private final Logger log;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    RepeatedTasks(ScheduledExecutorService scheduler, Logger log) {
        this.scheduler = scheduler;
        this.log = log;
    }

    /** Runs {@code task}, called {@code name} in the log, first after {@code firstDelay} then every {@code interval}. */
    void every(String name, Duration firstDelay, Duration interval, Runnable task) {
        scheduled.add(scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.log(Level.WARNING, name + " failed, trying again next interval: " + e.getMessage(), e);
                    }
                },
                firstDelay.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    void cancelAll() {
        scheduled.forEach(f -> f.cancel(false));
    }
}
