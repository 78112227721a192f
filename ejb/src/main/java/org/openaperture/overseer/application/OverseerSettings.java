package org.openaperture.overseer.application;

import java.time.Duration;

/**
 * Whether this node is its exchange's Overseer ({@code openaperture.overseer.enabled}: its queue consumed,
 * its monitors running) and how often the monitors run, from the ISO-8601 durations of
 * {@code openaperture.overseer.upgrade-monitor-interval} and {@code openaperture.overseer.health-interval}.
 */
public record OverseerSettings(boolean enabled, Duration upgradeMonitorInterval, Duration healthInterval) {
    public static final String ENABLED = "openaperture.overseer.enabled";
    public static final String UPGRADE_MONITOR_INTERVAL = "openaperture.overseer.upgrade-monitor-interval";
    public static final String HEALTH_INTERVAL = "openaperture.overseer.health-interval";

    /** Parses the settings; an unreadable or non-positive interval fails with the key and what to write. */
    public static OverseerSettings parse(boolean enabled, String upgradeMonitorInterval, String healthInterval) {
        return new OverseerSettings(
                enabled,
                LivenessSettings.duration(UPGRADE_MONITOR_INTERVAL, upgradeMonitorInterval),
                LivenessSettings.duration(HEALTH_INTERVAL, healthInterval));
    }
}
