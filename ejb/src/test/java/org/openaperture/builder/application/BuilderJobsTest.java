package org.openaperture.builder.application;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openaperture.builder.infrastructure.CommandLineImageBuilder;
import org.openaperture.builder.infrastructure.JGitWorkspace;
import org.openaperture.testing.InMemoryJobJournal;
import org.openaperture.testing.ManualClock;
import org.openaperture.testing.ManualScheduler;
import org.openaperture.worker.application.MilestoneMonitor;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * The jobs behind {@code BuilderConsumer}, with a plain executor and the outbox replaced by a list: exactly one
 * callback per request, the one the orchestrator reads (components.md §10.2 Dispatcher), and none after a cancel.
 */
class BuilderJobsTest {

    @TempDir
    Path tmp;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> chat = new CopyOnWriteArrayList<>();
    private MilestoneMonitor monitor = new MilestoneMonitor(
            scheduler, Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC());
    private final List<JsonObject> callbacks = new CopyOnWriteArrayList<>();
    private final List<JsonObject> logs = new CopyOnWriteArrayList<>();
    private final InMemoryJobJournal journal = new InMemoryJobJournal();

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        scheduler.shutdownNow();
        // A cancelled job is no longer "running" as soon as it is cancelled, but its thread may still be cloning
        // into the temporary directory: let it end before that directory is deleted.
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "the jobs' threads ended");
    }

    private BuilderJobs jobs(String command) {
        BuilderJobs jobs = new BuilderJobs();
        jobs.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class},
                (proxy, method, args) -> method.invoke(pool, args));
        jobs.milestones = new BuilderMilestones(
                tmp.resolve("work"),
                new JGitWorkspace(null, null, "b", "b@b"),
                new CommandLineImageBuilder(command, null, Duration.ofMinutes(5)),
                "https://github.com/",
                Clock.systemUTC());
        jobs.callbacks = new BuilderCallbacks() {
            @Override
            public void callBack(MilestoneRequest request, JsonObject callback) {
                callbacks.add(callback);
            }

            @Override
            public void notify(MilestoneRequest request, boolean success, String message) {
                chat.add(success + ": " + message);
            }

            @Override
            public void buildLog(long exchangeId, String workflowId, List<String> lines) {
                logs.add(Json.createObjectBuilder()
                        .add("exchange", exchangeId)
                        .add("workflow_id", workflowId)
                        .add("logs", Json.createArrayBuilder(lines))
                        .build());
            }
        };
        jobs.monitor = monitor;
        jobs.journal = journal;
        return jobs;
    }

    private MilestoneRequest buildRequest() throws Exception {
        Path bare = tmp.resolve("app_docker.git");
        Git.init()
                .setBare(true)
                .setInitialBranch("master")
                .setDirectory(bare.toFile())
                .call()
                .close();
        Path seed = tmp.resolve("seed");
        try (Git g = Git.cloneRepository()
                .setURI(bare.toString())
                .setDirectory(seed.toFile())
                .call()) {
            Files.writeString(seed.resolve("docker.json"), "{\"docker_url\":\"myorg/app\"}");
            g.add().addFilepattern(".").call();
            g.commit()
                    .setMessage("initial")
                    .setAuthor("t", "t@t")
                    .setCommitter("t", "t@t")
                    .call();
            g.push().call();
        }
        return MilestoneRequest.parse(Json.createObjectBuilder()
                .add("id", "wf-9")
                .add("current_step", "build")
                .add("deployment_repo", bare.toString())
                .add("source_repo_git_ref", "v1")
                .add("orchestration_dispatch_id", "d-9")
                .add("workflow_orchestration_exchange_id", 1)
                .add("notifications_exchange_id", 1)
                .add("orchestration_queue_name", "workflow_orchestration")
                .build()
                .toString());
    }

    private void awaitIdle(BuilderJobs jobs) {
        await("the job ended").atMost(Duration.ofSeconds(30)).until(() -> !jobs.isRunning("wf-9"));
    }

    @Test
    void buildSuccessCallsBackStepCompletedWithItsDispatchIdAndStreamsLogs() throws Exception {
        BuilderJobs jobs = jobs("echo one; echo two");
        jobs.start(buildRequest());
        awaitIdle(jobs);
        assertEquals(1, callbacks.size());
        JsonObject cb = callbacks.get(0);
        assertEquals("step_completed", cb.getString("orchestration_event"));
        assertEquals("d-9", cb.getString("orchestration_dispatch_id"));
        assertEquals("build", cb.getString("current_step"));
        assertEquals("myorg/app:v1", cb.getString("image"));
        assertEquals(
                List.of("one", "two"),
                logs.stream()
                        .flatMap(l -> l.getJsonArray("logs").getValuesAs(jakarta.json.JsonString::getString).stream())
                        .toList());
        assertEquals("wf-9", logs.get(0).getString("workflow_id"));
    }

    @Test
    void buildErrorCallsBackStepFailedWithTheReason() throws Exception {
        BuilderJobs jobs = jobs("echo nope; exit 4");
        jobs.start(buildRequest());
        awaitIdle(jobs);
        assertEquals(1, callbacks.size());
        JsonObject cb = callbacks.get(0);
        assertEquals("step_failed", cb.getString("orchestration_event"));
        assertTrue(cb.getBoolean("workflow_error"));
        assertEquals(
                "Failed to build docker image myorg/app:v1: the build command exited with 4; last lines:\nnope",
                cb.getString("failure_reason"));
    }

    @Test
    void aJobIsInTheJournalWhileItRunsAndLeavesItWhenItEnds() throws Exception {
        Path go = tmp.resolve("go");
        BuilderJobs jobs = jobs("while [ ! -f '" + go + "' ]; do sleep 0.05; done");
        jobs.start(buildRequest());
        assertEquals(List.of("wf-9"), journal.workflows("builder"));
        Files.writeString(go, "");
        awaitIdle(jobs);
        assertEquals(List.of(), journal.workflows("builder"));
        assertEquals(1, callbacks.size());
    }

    @Test
    void aCancelledJobLeavesTheJournalButOneTheApplicationStoppedStaysToBeResumed() throws Exception {
        MilestoneRequest request = buildRequest();
        BuilderJobs cancelled = jobs("sleep 300");
        cancelled.start(request);
        cancelled.cancel("wf-9");
        awaitIdle(cancelled);
        assertEquals(List.of(), journal.workflows("builder"));

        BuilderJobs stopped = jobs("sleep 300");
        stopped.start(request);
        stopped.stopAll();
        awaitIdle(stopped);
        assertEquals(List.of("wf-9"), journal.workflows("builder"), "the next start resumes it");
        assertEquals(List.of(), callbacks);
    }

    @Test
    void aNodeStartingAgainKillsWhatTheUnfinishedBuildLeftRunningAndRunsTheMilestoneAgain() throws Exception {
        MilestoneRequest request = buildRequest();
        journal.started("builder", request);
        // What a node killed mid-build leaves: the build's process, tagged with its workflow, still running.
        ProcessBuilder orphanBuilder = new ProcessBuilder("sleep", "300");
        orphanBuilder.environment().put("OA_BUILD_WORKFLOW_ID", "wf-9");
        Process orphan = orphanBuilder.start();

        BuilderJobs restarted = jobs("echo built again");
        assertEquals(1, restarted.resumeUnfinished());

        assertTrue(orphan.waitFor(30, TimeUnit.SECONDS), "the orphaned build process was killed");
        awaitIdle(restarted);
        assertEquals(1, callbacks.size());
        assertEquals("step_completed", callbacks.get(0).getString("orchestration_event"));
        assertEquals(List.of(), journal.workflows("builder"));
    }

    @Test
    void cancelKillsTheRunningBuildAndSendsNoCallback() throws Exception {
        Path pidFile = tmp.resolve("sleep.pid");
        BuilderJobs jobs = jobs("sleep 300 & echo $! > '" + pidFile + "'; wait");
        jobs.start(buildRequest());
        await("the build started")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        long sleep = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(jobs.cancel("wf-9"));
        await("sleep " + sleep + " ended").atMost(Duration.ofSeconds(30)).until(() -> !ProcessHandle.of(sleep)
                .map(ProcessHandle::isAlive)
                .orElse(false));
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(), callbacks);
        assertFalse(jobs.cancel("wf-9"));
        assertFalse(Files.exists(tmp.resolve("work/deployment_repos/wf-9")));
    }

    @Test
    void aLongBuildIsWarnedAboutInRedAndTheWarningsStopWithIt() throws Exception {
        // periods of a few milliseconds stand for §4.5's 25 and 15 minutes; the test moves the clock and runs
        // the monitor's checks, and the build runs until the test lets it end
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
        ManualScheduler checks = new ManualScheduler();
        monitor = new MilestoneMonitor(
                checks, Duration.ofMillis(150), Duration.ofMillis(100), Duration.ofMillis(20), clock);
        Path go = tmp.resolve("go");
        BuilderJobs jobs = jobs("while [ ! -f '" + go + "' ]; do sleep 0.05; done");
        jobs.start(buildRequest());
        await("the job's monitor").atMost(Duration.ofSeconds(30)).until(() -> checks.scheduled() == 1);
        clock.advance(Duration.ofMillis(150));
        checks.tick();
        Files.writeString(go, "");
        awaitIdle(jobs);
        assertEquals(1, callbacks.size());
        assertEquals("step_completed", callbacks.get(0).getString("orchestration_event"));
        assertTrue(
                chat.contains("false: Warning: Builder request build milestone running for 0 minutes."
                        + " Total workflow duration: 0 minutes."),
                chat.toString());
        assertTrue(
                chat.contains("false: Warning: Builder request running for 0 minutes (current milestone: build)"),
                chat.toString());
        int sent = chat.size();
        clock.advance(Duration.ofHours(1));
        checks.tick();
        assertEquals(sent, chat.size(), "no warning after the job ended");
    }
}
