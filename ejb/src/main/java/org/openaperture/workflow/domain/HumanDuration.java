package org.openaperture.workflow.domain;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Durations as the workflow's texts and step durations show them: the largest unit that fits, whole numbers
 * ({@code 42 seconds}, {@code 3 minutes}, {@code 1 hour}), {@code <unknown>} without a start.
 */
public final class HumanDuration {
    public static final String UNKNOWN = "<unknown>";

    private HumanDuration() {}

    public static String between(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return UNKNOWN;
        }
        return of(Duration.between(start, end));
    }

    public static String of(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        if (seconds < 60) {
            return unit(seconds, "second");
        }
        if (seconds < 3_600) {
            return unit(seconds / 60, "minute");
        }
        if (seconds < 86_400) {
            return unit(seconds / 3_600, "hour");
        }
        if (seconds < 604_800) {
            return unit(seconds / 86_400, "day");
        }
        return unit(seconds / 604_800, "week");
    }

    private static String unit(long n, String name) {
        return n + " " + name + (n == 1 ? "" : "s");
    }
}
