package org.openaperture.worker.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The MilestoneMonitor's schedule (§4.5) on a plain scheduled executor and a clock the test moves: the start
 * times come from the envelope, warnings go out while the job runs, and none after it ends or is cancelled.
 */
class MilestoneMonitorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final MilestoneMonitor monitor = new MilestoneMonitor(
            scheduler, Duration.ofMinutes(25), Duration.ofMinutes(15), Duration.ofMillis(10), clock);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private static MilestoneRequest request(String workflowStart, String stepTime) {
        return MilestoneRequest.parse(Json.createObjectBuilder()
                .add("id", "wf-1")
                .add("current_step", "deploy")
                .add("workflow_start_time", workflowStart)
                .add("step_time", stepTime)
                .build()
                .toString());
    }

    private void await(int count) throws InterruptedException {
        for (int i = 0; i < 500 && warnings.size() < count; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
    }

    @Test
    void warnsFromTheEnvelopesStartTimesUntilClosed() throws Exception {
        // the orchestrator sends ISO instants; the workflow began 20 minutes before this milestone
        MilestoneRequest request = request("2026-01-01T09:40:00Z", "2026-01-01T10:00:00Z");
        try (MilestoneMonitor.Watch watch = monitor.watch("Deployer", request, new Cancellation(), warnings::add)) {
            now.set(T0.plus(Duration.ofMinutes(15)));
            await(1);
            assertEquals(
                    List.of(
                            "Warning: Deployer request running for 35 minutes (current milestone: deploy)",
                            "Warning: Deployer request deploy milestone running for 15 minutes."
                                    + " Total workflow duration: 35 minutes."),
                    warnings);
        }
        now.set(T0.plus(Duration.ofHours(3)));
        Thread.sleep(100);
        assertEquals(2, warnings.size(), "nothing after the job ended");
    }

    @Test
    void aCancelStopsTheWarnings() throws Exception {
        Cancellation cancellation = new Cancellation();
        MilestoneMonitor.Watch watch =
                monitor.watch("Builder", request("Thu, 01 Jan 2026 10:00:00 GMT", ""), cancellation, warnings::add);
        cancellation.cancel();
        now.set(T0.plus(Duration.ofHours(3)));
        Thread.sleep(100);
        assertEquals(List.of(), warnings);
        watch.close();
    }

    @Test
    void aRequestWithoutStartTimesCountsFromTheJobsStart() throws Exception {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-2\",\"current_step\":\"build\"}");
        try (MilestoneMonitor.Watch watch = monitor.watch("Builder", request, new Cancellation(), warnings::add)) {
            now.set(T0.plus(Duration.ofMinutes(16)));
            await(1);
            assertEquals(
                    List.of("Warning: Builder request build milestone running for 16 minutes."
                            + " Total workflow duration: 16 minutes."),
                    warnings);
        }
    }

    @Test
    void aFailingSendDoesNotEndTheChecks() throws Exception {
        MilestoneRequest request = MilestoneRequest.parse("{\"id\":\"wf-3\",\"current_step\":\"build\"}");
        boolean[] failed = {false};
        try (MilestoneMonitor.Watch watch = monitor.watch("Builder", request, new Cancellation(), w -> {
            if (!failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("the outbox is down");
            }
            warnings.add(w);
        })) {
            now.set(T0.plus(Duration.ofMinutes(15)));
            Thread.sleep(100);
            now.set(T0.plus(Duration.ofMinutes(30)));
            await(1);
            assertTrue(failed[0]);
            assertTrue(
                    warnings.contains("Warning: Builder request running for 30 minutes (current milestone: build)"),
                    warnings.toString());
        }
    }
}
