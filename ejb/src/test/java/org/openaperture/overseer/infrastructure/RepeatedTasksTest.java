package org.openaperture.overseer.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testing.ManualScheduler;

/**
 * The timers' repeated tasks: a failure does not stop a task (on a plain scheduled executor), a cancel does (on a
 * scheduler the test ticks).
 */
class RepeatedTasksTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final RepeatedTasks tasks =
            new RepeatedTasks(executor, System.getLogger(RepeatedTasksTest.class.getName()));

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void aFailingRunIsLoggedAndTheTaskRunsAgain() throws InterruptedException {
        CountDownLatch runs = new CountDownLatch(3);
        tasks.every("flaky", Duration.ZERO, Duration.ofMillis(5), () -> {
            runs.countDown();
            throw new IllegalStateException("down");
        });
        assertTrue(runs.await(5, TimeUnit.SECONDS), "the task is still scheduled after it failed");
    }

    @Test
    void cancelAllStopsEveryTask() {
        // A scheduler the test ticks: "no run after the cancel" is seen at once, not waited for.
        ManualScheduler scheduler = new ManualScheduler();
        RepeatedTasks manual = new RepeatedTasks(scheduler, System.getLogger(RepeatedTasksTest.class.getName()));
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger otherRuns = new AtomicInteger();
        manual.every("a", Duration.ZERO, Duration.ofMillis(5), runs::incrementAndGet);
        manual.every("b", Duration.ZERO, Duration.ofMillis(5), otherRuns::incrementAndGet);
        scheduler.tick();
        scheduler.tick();
        assertEquals(2, runs.get());
        assertEquals(2, otherRuns.get());

        manual.cancelAll();
        int afterCancel = runs.get();
        scheduler.tick();
        assertEquals(afterCancel, runs.get());
        assertEquals(2, otherRuns.get());
    }
}
