package org.openaperture.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: asynchronous effects without fixed sleeps. */
public final class Eventually {

    private Eventually() {}

    /** @return the time it took, or throws AssertionError naming what did not happen */
    public static Duration within(Duration limit, String what, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(condition.get())) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit.toMillis() + " ms");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
