package org.openaperture.overseer.application;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When a component whose strategy is {@code hourly} next asks for its upgrade: a random moment within the
 * hour after it was first seen, then again within the hour after each request (the original slept a random
 * 0–60 minutes before each). Kept in memory by the one timer of the node; a restart simply draws again.
 */
public final class HourlyUpgrades {
    static final Duration HOUR = Duration.ofHours(1);
    private final Map<Long, Instant> next = new HashMap<>();
    private final Supplier<Duration> randomDelay;

    public HourlyUpgrades(Supplier<Duration> randomDelay) {
        this.randomDelay = randomDelay;
    }

    /** A delay drawn uniformly from the hour. */
    public static HourlyUpgrades random() {
        return new HourlyUpgrades(() -> Duration.ofMillis(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(HOUR.toMillis())));
    }

    /** Whether the component's upgrade is due now; if so, the next one is drawn. */
    public synchronized boolean due(long componentId, Instant now) {
        Instant at = next.computeIfAbsent(componentId, id -> now.plus(randomDelay.get()));
        if (now.isBefore(at)) {
            return false;
        }
        next.put(componentId, now.plus(randomDelay.get()));
        return true;
    }

    /** Forgets components that are no longer hourly. */
    public synchronized void retain(java.util.Collection<Long> hourlyIds) {
        next.keySet().retainAll(hourlyIds);
    }
}
