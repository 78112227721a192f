package org.openaperture.jms.amqp.inbound;

/**
 * When an activation changes brokers: the one place of that rule. It counts the consecutive failed connection
 * attempts to the broker in use and, when a failover broker is configured, switches to the other broker after
 * {@code switchAfter} of them: from the primary to the failover broker, and from a failover broker that cannot be
 * reached either back to the primary, so that an activation never stays on a dead broker while the other one
 * is up. With fail-back on, the activation probes the primary while it consumes from the failover broker, and a
 * probe that connects moves it back.
 *
 * <p>Without a failover broker nothing ever switches: the activation reconnects to its broker forever.
 * Not thread-safe: the activation calls it under its lock. Timing (the delay between attempts, the interval
 * between probes) is the activation's; this class only counts.
 */
final class FailoverRule {

    private final boolean hasFailover;
    private final int switchAfter;
    private final boolean failBack;
    private boolean onFailover;
    private int failures;

    /**
     * @param hasFailover whether a failover broker is configured
     * @param switchAfter consecutive failed attempts to the broker in use before switching (at least 1)
     * @param failBack    whether to probe the primary while on the failover broker
     */
    FailoverRule(boolean hasFailover, int switchAfter, boolean failBack) {
        if (switchAfter < 1) {
            throw new IllegalArgumentException("switchAfter must be at least 1, was " + switchAfter);
        }
        this.hasFailover = hasFailover;
        this.switchAfter = switchAfter;
        this.failBack = failBack;
    }

    /** Whether the activation now uses the failover broker (else the primary). */
    boolean onFailover() {
        return onFailover;
    }

    /** Consecutive failed attempts to the broker in use since it last connected or was switched to. */
    int failures() {
        return failures;
    }

    /**
     * An attempt to connect to the broker in use failed. Returns true when that was the last one allowed and the
     * activation has now switched to the other broker ({@link #onFailover()} tells which); its next attempt goes
     * there.
     */
    boolean connectFailed() {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        if (!hasFailover || failures < switchAfter) {
            return false;
        }
        onFailover = !onFailover;
        failures = 0;
        return true;
    }

    /** A connection to the broker in use opened: the count starts again. */
    void connected() {
        failures = 0;
    }

    /** Whether the activation should now probe the primary, to move back to it once it answers. */
    boolean probesPrimary() {
        return failBack && onFailover;
    }

    /** A probe of the primary connected and the activation moved back to it. */
    void failedBack() {
        if (!probesPrimary()) {
            throw new IllegalStateException("fail-back while not probing the primary");
        }
        onFailover = false;
        failures = 0;
    }
}
