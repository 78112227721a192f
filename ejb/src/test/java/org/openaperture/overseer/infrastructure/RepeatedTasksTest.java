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

/** The timers' repeated tasks on a plain scheduled executor: a failure does not stop a task, a cancel does. */
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
    void cancelAllStopsEveryTask() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        tasks.every("a", Duration.ZERO, Duration.ofMillis(5), () -> {
            runs.incrementAndGet();
            started.countDown();
        });
        tasks.every("b", Duration.ZERO, Duration.ofMillis(5), started::countDown);
        assertTrue(started.await(5, TimeUnit.SECONDS));

        tasks.cancelAll();
        // One thread: once this has run, a run that was under way at the cancel has finished.
        executor.submit(() -> {}).get(5, TimeUnit.SECONDS);
        int afterCancel = runs.get();
        Thread.sleep(50);
        assertEquals(afterCancel, runs.get());
    }
}
