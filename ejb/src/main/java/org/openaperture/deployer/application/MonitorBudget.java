package org.openaperture.deployer.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the monitor follows a deploy (components.md §5.4): up to {@code attempts} rounds {@code interval}
 * apart (the original: 30 rounds, a minute apart), and a unit whose sub-state reads {@code failed} read again
 * {@code recheckInterval} later (the original: 10 s).
 */
public record MonitorBudget(Duration interval, int attempts, Duration recheckInterval) {
    public static final MonitorBudget ORIGINAL = new MonitorBudget(Duration.ofSeconds(60), 30, Duration.ofSeconds(10));

    public MonitorBudget {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(recheckInterval, "recheckInterval");
        if (attempts < 1) {
            throw new IllegalArgumentException("the monitor needs at least one round, not " + attempts);
        }
    }

    /** The time the monitor gives a deploy, for the timeout's reason. */
    public Duration total() {
        return interval.multipliedBy(attempts);
    }
}
