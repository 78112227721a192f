package org.openaperture.deployer.application;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.json.JsonObject;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.system.application.UnhandledExceptionEvents;
import org.openaperture.testing.InMemoryJobJournal;
import org.openaperture.testing.ManualClock;
import org.openaperture.testing.ManualScheduler;
import org.openaperture.worker.application.MilestoneMonitor;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The jobs behind the Deployer's consumers, with a plain executor and the outbox replaced by lists: exactly one
 * callback per request, the failure message beside a failed one, and none after a cancel.
 */
class DeployerJobsTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private MilestoneMonitor monitor = new MilestoneMonitor(
            scheduler, Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC());
    private final List<JsonObject> callbacks = new CopyOnWriteArrayList<>();
    private final InMemoryJobJournal journal = new InMemoryJobJournal();
    private final List<String> failureMessages = new CopyOnWriteArrayList<>();
    private final List<String> chat = new CopyOnWriteArrayList<>();
    private final List<String> systemEvents = new CopyOnWriteArrayList<>();
    private final ScriptedTarget target = new ScriptedTarget();

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        scheduler.shutdownNow();
    }

    private DeployerJobs jobs(MonitorBudget budget) {
        DeployerJobs jobs = new DeployerJobs();
        jobs.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> method.invoke(pool, args));
        jobs.milestones = new DeployerMilestones(target, null, budget, () -> 0, "deploy-1");
        jobs.callbacks = new DeployerCallbacks() {
            @Override
            public void callBack(MilestoneRequest request, JsonObject callback, String failureMessage) {
                callbacks.add(callback);
                if (failureMessage != null) {
                    failureMessages.add(failureMessage);
                }
            }

            @Override
            public void notify(MilestoneRequest request, boolean success, String message) {
                chat.add(message);
            }
        };
        jobs.unhandled = new UnhandledExceptionEvents() {
            @Override
            public void raise(String component, String message, Map<String, String> extraData) {
                systemEvents.add(component + ": " + message);
            }
        };
        jobs.monitor = monitor;
        jobs.journal = journal;
        return jobs;
    }

    /**
     * Waits until every job handed to the executor has ended, its callback and clean-up included; the executor
     * takes no more jobs. ({@code isRunning} is false as soon as a job is cancelled, before it has stopped.)
     */
    private void awaitJobsEnded() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the jobs ended");
    }

    @Test
    void aDeployEndsInOneStepCompleted() throws Exception {
        DeployerJobs jobs = jobs(DeployerMilestonesTest.FAST);
        jobs.handle(Optional.of(DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS)));
        awaitJobsEnded();

        assertEquals(1, callbacks.size());
        assertEquals("step_completed", callbacks.get(0).getString("orchestration_event"));
        assertTrue(
                callbacks.get(0).getJsonArray("event_log").size() >= 8,
                callbacks.get(0).toString());
        assertTrue(chat.contains("There are no remaining units to monitor"));
    }

    @Test
    @DisplayName("Monitor timeout: one step_failed (the original sent two, §12.3)")
    void aTimeoutEndsInOneStepFailed() throws Exception {
        target.states = (name, read) -> new String[] {"activating", "start"};
        DeployerJobs jobs = jobs(DeployerMilestonesTest.FAST);
        jobs.handle(Optional.of(DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS)));
        awaitJobsEnded();

        assertEquals(1, callbacks.size());
        JsonObject failed = callbacks.get(0);
        assertEquals("step_failed", failed.getString("orchestration_event"));
        assertEquals("None of the units have deployed successfully", failed.getString("failure_reason"));
        assertEquals(List.of("Deployment has failed!"), failureMessages);
        assertEquals(List.of(), systemEvents, "a rule of the Deployer, not an error");
    }

    @Test
    @DisplayName("a target that fails the deploy: one step_failed and an unhandled_exception system event (§5.2)")
    void aTargetErrorIsOneStepFailedAndASystemEvent() throws Exception {
        target.failLaunch = "the node is out of disk";
        DeployerJobs jobs = jobs(DeployerMilestonesTest.FAST);
        jobs.handle(Optional.of(DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS)));
        awaitJobsEnded();

        assertEquals(1, callbacks.size());
        assertEquals("the node is out of disk", callbacks.get(0).getString("failure_reason"));
        assertEquals(List.of("An error occurred during deployment"), failureMessages);
        assertEquals(
                List.of("deployer: the deploy milestone of workflow wf-1 failed: An error occurred during deployment:"
                        + " the node is out of disk"),
                systemEvents);
    }

    @Test
    void anUnknownMilestoneIsOneStepFailed() throws Exception {
        DeployerJobs jobs = jobs(DeployerMilestonesTest.FAST);
        jobs.handle(Optional.of(DeployerMilestonesTest.request("build", "")));
        awaitJobsEnded();
        assertEquals(1, callbacks.size());
        assertEquals(
                "An unknown milestone was passed into the Deployer: build",
                callbacks.get(0).getString("failure_reason"));
    }

    @Test
    void aCancelStopsARunningMonitorAndNothingIsSent() throws Exception {
        target.states = (name, read) -> new String[] {"activating", "start"};
        DeployerJobs jobs = jobs(new MonitorBudget(Duration.ofMinutes(5), 30, Duration.ofSeconds(10)));
        jobs.handle(Optional.of(DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS)));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> chat.contains("After review, there are 2 units still deploying..."));
        assertTrue(jobs.isRunning("wf-1"));

        jobs.handle(Optional.of(
                MilestoneRequest.parse("{\"action\":\"cancel\",\"id\":\"wf-1\",\"current_step\":" + "\"deploy\"}")));
        awaitJobsEnded();
        assertFalse(jobs.isRunning("wf-1"));
        assertEquals(List.of(), callbacks, "the orchestrator already failed the workflow as cancelled");
        assertEquals(Map.of(), target.launched, "a cancelled deploy stops the instances it launched");
        assertTrue(target.calls.stream().anyMatch(c -> c.startsWith("remove ")), target.calls.toString());
        assertEquals(List.of(), journal.workflows("deployer"), "nothing to resume");
    }

    @Test
    void aDeployThatANodeStoppingLeftUnfinishedRunsAgainWhenTheNodeStartsAndEndsInOneCallback() throws Exception {
        journal.started("deployer", DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS));
        DeployerJobs restarted = jobs(DeployerMilestonesTest.FAST);

        assertEquals(1, restarted.resumeUnfinished());
        awaitJobsEnded();

        assertEquals(1, callbacks.size());
        assertEquals("step_completed", callbacks.get(0).getString("orchestration_event"));
        assertEquals(List.of(), journal.workflows("deployer"));
    }

    @Test
    void aRedeliveryStartsNothing() throws Exception {
        DeployerJobs jobs = jobs(DeployerMilestonesTest.FAST);
        jobs.handle(Optional.empty());
        awaitJobsEnded();
        assertEquals(List.of(), callbacks);
    }

    @Test
    @DisplayName("a long deploy monitor: the §4.5 warnings name the Deployer and stop with a cancel")
    void aLongMonitorIsWarnedAboutAndTheWarningsStopWithACancel() throws Exception {
        // periods of a few milliseconds stand for §4.5's 25 and 15 minutes; the test moves the clock and runs
        // the monitor's checks, so that "no warning after the cancel" needs no waiting
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
        ManualScheduler checks = new ManualScheduler();
        monitor = new MilestoneMonitor(
                checks, Duration.ofMillis(150), Duration.ofMillis(100), Duration.ofMillis(20), clock);
        target.states = (name, read) -> new String[] {"activating", "start"};
        DeployerJobs jobs = jobs(new MonitorBudget(Duration.ofMinutes(5), 30, Duration.ofSeconds(10)));
        jobs.handle(Optional.of(DeployerMilestonesTest.request("deploy", DeployerMilestonesTest.UNITS)));
        await("the job's monitor").atMost(Duration.ofSeconds(10)).until(() -> checks.scheduled() == 1);
        clock.advance(Duration.ofMillis(150));
        checks.tick();
        String workflowWarning = "Warning: Deployer request running for 0 minutes (current milestone: deploy)";
        assertTrue(chat.contains(workflowWarning), chat.toString());
        assertTrue(
                chat.contains("Warning: Deployer request deploy milestone running for 0 minutes."
                        + " Total workflow duration: 0 minutes."),
                chat.toString());

        jobs.handle(Optional.of(
                MilestoneRequest.parse("{\"action\":\"cancel\",\"id\":\"wf-1\",\"current_step\":\"deploy\"}")));
        awaitJobsEnded();
        int sent = chat.size();
        clock.advance(Duration.ofHours(1));
        checks.tick();
        assertEquals(sent, chat.size(), "no warning after the cancel");
        assertEquals(List.of(), callbacks);
    }
}
