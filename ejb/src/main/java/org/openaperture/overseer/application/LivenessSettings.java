package org.openaperture.overseer.application;

import java.time.Duration;
import org.openaperture.common.application.IsoDurations;

/**
 * How often this node says it is alive and when silent modules turn inactive and disappear, read from the
 * ISO-8601 durations of {@code openaperture.heartbeat.interval}, {@code openaperture.modules.inactive-after},
 * {@code openaperture.modules.remove-after} and {@code openaperture.modules.sweep-interval}.
 */
public record LivenessSettings(
        Duration heartbeatInterval, Duration inactiveAfter, Duration removeAfter, Duration sweepInterval) {
    public static final String HEARTBEAT_INTERVAL = "openaperture.heartbeat.interval";
    public static final String INACTIVE_AFTER = "openaperture.modules.inactive-after";
    public static final String REMOVE_AFTER = "openaperture.modules.remove-after";
    public static final String SWEEP_INTERVAL = "openaperture.modules.sweep-interval";

    public LivenessSettings {
        if (removeAfter.compareTo(inactiveAfter) <= 0) {
            throw new IllegalArgumentException(REMOVE_AFTER + " (" + removeAfter + ") must be longer than "
                    + INACTIVE_AFTER + " (" + inactiveAfter + ")");
        }
    }

    /** Parses the four settings; an unreadable or non-positive value fails with the key and what to write. */
    public static LivenessSettings parse(
            String heartbeatInterval, String inactiveAfter, String removeAfter, String sweepInterval) {
        return new LivenessSettings(
                duration(HEARTBEAT_INTERVAL, heartbeatInterval),
                duration(INACTIVE_AFTER, inactiveAfter),
                duration(REMOVE_AFTER, removeAfter),
                duration(SWEEP_INTERVAL, sweepInterval));
    }

    static Duration duration(String key, String value) {
        return IsoDurations.positive(key, value, "PT30S or PT10M");
    }
}
