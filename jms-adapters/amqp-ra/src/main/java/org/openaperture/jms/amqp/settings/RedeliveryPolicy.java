package org.openaperture.jms.amqp.settings;

/**
 * The one rule for redelivering a message whose delivery failed: how many attempts in total, and how long
 * to wait after each failed attempt. Pure and immutable so it can be tested as a spec.
 *
 * <p>After failed attempt {@code n} (1-based) the next attempt waits
 * {@code min(initialDelay * multiplier^(n-1), maxDelay)} milliseconds; after attempt {@code maxAttempts}
 * there is no next attempt and the message is dead-lettered.
 *
 * @param maxAttempts    attempts in total, the first delivery included; at least 1
 * @param initialDelayMs delay after the first failed attempt; at least 0
 * @param multiplier     growth of the delay per attempt; at least 1.0
 * @param maxDelayMs     cap on any delay; at least {@code initialDelayMs}
 */
public record RedeliveryPolicy(int maxAttempts, long initialDelayMs, double multiplier, long maxDelayMs) {

    public RedeliveryPolicy {
        require(maxAttempts >= 1, "maxDeliveryAttempts must be at least 1, was " + maxAttempts);
        require(initialDelayMs >= 0, "redeliveryInitialDelay must be at least 0 ms, was " + initialDelayMs);
        require(
                multiplier >= 1.0 && Double.isFinite(multiplier),
                "redeliveryMultiplier must be a finite number of at least 1.0, was " + multiplier);
        require(
                maxDelayMs >= initialDelayMs,
                "redeliveryMaxDelay (" + maxDelayMs + " ms) must be at least redeliveryInitialDelay (" + initialDelayMs
                        + " ms)");
    }

    /** Whether another attempt follows the given failed attempt (1-based). */
    public boolean retriesAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /** Milliseconds to wait after the given failed attempt (1-based) before the next one. */
    public long delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + failedAttempt);
        }
        double delay = initialDelayMs * Math.pow(multiplier, failedAttempt - 1);
        return delay >= maxDelayMs ? maxDelayMs : (long) delay;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
