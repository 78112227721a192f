package org.openaperture.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: asynchronous effects without fixed sleeps. For "nothing
 * more happens", where the system gives no signal to wait for, {@link #throughout} watches a condition over a
 * window instead of sleeping through it and looking once.
 */
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
            pause(what);
        }
    }

    /**
     * Checks that {@code condition} holds for the whole of {@code window}, polling as {@link #within} does, and
     * fails at the first poll where it does not.
     */
    public static void throughout(Duration window, String what, Supplier<Boolean> condition) {
        long end = System.nanoTime() + window.toNanos();
        while (true) {
            if (!Boolean.TRUE.equals(condition.get())) {
                throw new AssertionError(what + " did not hold throughout " + window.toMillis() + " ms");
            }
            if (System.nanoTime() > end) {
                return;
            }
            pause(what);
        }
    }

    private static void pause(String what) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
