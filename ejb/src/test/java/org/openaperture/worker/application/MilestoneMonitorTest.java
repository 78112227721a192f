package org.openaperture.worker.application;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.openaperture.testing.ManualClock;
import org.openaperture.testing.ManualScheduler;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The MilestoneMonitor's schedule (§4.5) on a scheduler and a clock the test moves: the start times come from the
 * envelope, warnings go out while the job runs, and none after it ends or is cancelled. Each {@code tick()} is a
 * check interval passing; the checks run on the test's thread, so there is nothing to wait for.
 */
class MilestoneMonitorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ManualScheduler scheduler = new ManualScheduler();
    private final ManualClock clock = new ManualClock(T0);
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final MilestoneMonitor monitor = new MilestoneMonitor(
            scheduler, Duration.ofMinutes(25), Duration.ofMinutes(15), Duration.ofMillis(10), clock);

    private static MilestoneRequest request(String workflowStart, String stepTime) {
        return MilestoneRequest.parse(Json.createObjectBuilder()
                .add("id", "wf-1")
                .add("current_step", "deploy")
                .add("workflow_start_time", workflowStart)
                .add("step_time", stepTime)
                .build()
                .toString());
    }

    @Test
    void warnsFromTheEnvelopesStartTimesUntilClosed() {
        // the orchestrator sends ISO instants; the workflow began 20 minutes before this milestone
        MilestoneRequest request = request("2026-01-01T09:40:00Z", "2026-01-01T10:00:00Z");
        try (MilestoneMonitor.Watch watch = monitor.watch("Deployer", request, new Cancellation(), warnings::add)) {
            clock.set(T0.plus(Duration.ofMinutes(15)));
            assertEquals(1, scheduler.tick(), "the job's check ran");
            assertEquals(
                    List.of(
                            "Warning: Deployer request running for 35 minutes (current milestone: deploy)",
                            "Warning: Deployer request deploy milestone running for 15 minutes."
                                    + " Total workflow duration: 35 minutes."),
                    warnings);
        }
        clock.set(T0.plus(Duration.ofHours(3)));
        scheduler.tick();
        assertEquals(2, warnings.size(), "nothing after the job ended");
    }

    @Test
    void aCancelStopsTheWarnings() {
        Cancellation cancellation = new Cancellation();
        MilestoneMonitor.Watch watch =
                monitor.watch("Builder", request("Thu, 01 Jan 2026 10:00:00 GMT", ""), cancellation, warnings::add);
        cancellation.cancel();
        clock.set(T0.plus(Duration.ofHours(3)));
        scheduler.tick();
        assertEquals(List.of(), warnings);
        watch.close();
    }

    @Test
    void aRequestWithoutStartTimesCountsFromTheJobsStart() {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-2\",\"current_step\":\"build\"}");
        try (MilestoneMonitor.Watch watch = monitor.watch("Builder", request, new Cancellation(), warnings::add)) {
            clock.set(T0.plus(Duration.ofMinutes(16)));
            scheduler.tick();
            assertEquals(
                    List.of("Warning: Builder request build milestone running for 16 minutes."
                            + " Total workflow duration: 16 minutes."),
                    warnings);
        }
    }

    @Test
    void aFailingSendDoesNotEndTheChecks() {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-3\",\"current_step\":\"build\"}");
        boolean[] failed = {false};
        try (MilestoneMonitor.Watch watch = monitor.watch("Builder", request, new Cancellation(), w -> {
            if (!failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("the outbox is down");
            }
            warnings.add(w);
        })) {
            clock.set(T0.plus(Duration.ofMinutes(15)));
            scheduler.tick();
            clock.set(T0.plus(Duration.ofMinutes(30)));
            scheduler.tick();
            assertTrue(failed[0]);
            assertTrue(
                    warnings.contains("Warning: Builder request running for 30 minutes (current milestone: build)"),
                    warnings.toString());
        }
    }

    @Test
    void theChecksRunOnARealScheduledExecutorToo() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            MilestoneMonitor onExecutor = new MilestoneMonitor(
                    executor, Duration.ofMinutes(25), Duration.ofMinutes(15), Duration.ofMillis(10), clock);
            MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-4\",\"current_step\":\"build\"}");
            try (MilestoneMonitor.Watch watch =
                    onExecutor.watch("Builder", request, new Cancellation(), warnings::add)) {
                clock.set(T0.plus(Duration.ofMinutes(16)));
                await("the milestone warning").atMost(Duration.ofSeconds(10)).until(() -> !warnings.isEmpty());
                assertEquals(
                        List.of("Warning: Builder request build milestone running for 16 minutes."
                                + " Total workflow duration: 16 minutes."),
                        warnings);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
