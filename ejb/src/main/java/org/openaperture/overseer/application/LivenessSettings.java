package org.openaperture.overseer.application;

import java.time.Duration;
import org.openaperture.common.application.IsoDurations;

/**
 * How often this node says it is alive and when silent modules turn inactive and disappear, read from the
 * ISO-8601 durations of {@code openaperture.heartbeat.interval}, {@code openaperture.modules.inactive-after},
 * {@code openaperture.modules.remove-after} and {@code openaperture.modules.sweep-interval}, and how many
 * changes of a kind one sweep reports one event each ({@code openaperture.modules.events-per-sweep}; more are
 * reported in one event for them all).
 */
public record LivenessSettings(
        Duration heartbeatInterval,
        Duration inactiveAfter,
        Duration removeAfter,
        Duration sweepInterval,
        int eventsPerSweep) {
    public static final String HEARTBEAT_INTERVAL = "openaperture.heartbeat.interval";
    public static final String INACTIVE_AFTER = "openaperture.modules.inactive-after";
    public static final String REMOVE_AFTER = "openaperture.modules.remove-after";
    public static final String SWEEP_INTERVAL = "openaperture.modules.sweep-interval";
    public static final String EVENTS_PER_SWEEP = "openaperture.modules.events-per-sweep";
    public static final int DEFAULT_EVENTS_PER_SWEEP = 100;

    public LivenessSettings {
        if (removeAfter.compareTo(inactiveAfter) <= 0) {
            throw new IllegalArgumentException(REMOVE_AFTER + " (" + removeAfter + ") must be longer than "
                    + INACTIVE_AFTER + " (" + inactiveAfter + ")");
        }
        if (eventsPerSweep < 0) {
            throw new IllegalArgumentException(EVENTS_PER_SWEEP
                    + " must be 0 or more (0: one event for the changes of each kind), was " + eventsPerSweep);
        }
    }

    /** Parses the four durations, with the default events per sweep; a wrong value fails naming its key. */
    public static LivenessSettings parse(
            String heartbeatInterval, String inactiveAfter, String removeAfter, String sweepInterval) {
        return parse(heartbeatInterval, inactiveAfter, removeAfter, sweepInterval, DEFAULT_EVENTS_PER_SWEEP);
    }

    /** Parses the four durations; an unreadable or non-positive one fails with the key and what to write. */
    public static LivenessSettings parse(
            String heartbeatInterval,
            String inactiveAfter,
            String removeAfter,
            String sweepInterval,
            int eventsPerSweep) {
        return new LivenessSettings(
                duration(HEARTBEAT_INTERVAL, heartbeatInterval),
                duration(INACTIVE_AFTER, inactiveAfter),
                duration(REMOVE_AFTER, removeAfter),
                duration(SWEEP_INTERVAL, sweepInterval),
                eventsPerSweep);
    }

    static Duration duration(String key, String value) {
        return IsoDurations.positive(key, value, "PT30S or PT10M");
    }
}
