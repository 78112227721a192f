package org.openaperture.deployer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.application.DeployerMilestones.Completed;
import org.openaperture.deployer.application.DeployerMilestones.Failed;
import org.openaperture.deployer.application.DeployerMilestones.Outcome;
import org.openaperture.deployer.domain.EcsDeployment;
import org.openaperture.deployer.domain.UnitState;
import org.openaperture.worker.application.Cancellation;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * components.md §10.3 Deploy and Monitor cases that still apply, on a scripted target with a monitoring budget
 * of milliseconds. Each request ends in exactly one outcome (§12.3).
 */
class DeployerMilestonesTest {
    static final MonitorBudget FAST = new MonitorBudget(Duration.ofMillis(5), 4, Duration.ofMillis(1));
    static final String UNITS =
            "\"deployable_units\":[{\"name\":\"app@.service\",\"options\":[{\"section\":\"Service\","
                    + "\"name\":\"ExecStart\",\"value\":\"/bin/app <%= dst_port %>\"}]}]";

    final ScriptedTarget target = new ScriptedTarget();
    final List<String> chat = new ArrayList<>();
    EcsDeployer ecs;

    static MilestoneRequest request(String step, String extra) {
        return MilestoneRequest.parse("{\"id\":\"wf-1\",\"current_step\":\"" + step + "\",\"etcd_token\":\"tok\""
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    Outcome run(MilestoneRequest request) {
        return run(request, new Cancellation());
    }

    Outcome run(MilestoneRequest request, Cancellation cancellation) {
        return new DeployerMilestones(target, ecs, FAST, () -> 0, "deploy-1")
                .run(request, (success, message) -> chat.add((success ? "ok: " : "FAIL: ") + message), cancellation);
    }

    @Test
    @DisplayName("an unknown milestone is refused in the original's words")
    void unknownMilestone() {
        Failed failed = assertInstanceOf(Failed.class, run(request("dance", "")));
        assertEquals("An unknown milestone was passed into the Deployer: dance", failed.reason());
        assertEquals("An unknown milestone was passed into the Deployer: dance", failed.message());
    }

    @Test
    @DisplayName("Deploy: no hosts → step_failed, and no monitor runs after it (§12.3)")
    void deployNoHostsFailsOnceWithoutMonitoring() {
        target.machines = 0;
        Failed failed = assertInstanceOf(Failed.class, run(request("deploy", UNITS)));
        assertEquals("Deployment failed!", failed.message());
        assertEquals("Unable to find accessible hosts in cluster tok!", failed.reason());
        assertTrue(chat.stream().noneMatch(m -> m.contains("monitor")), chat.toString());
    }

    @Test
    @DisplayName("Deploy: no units → step_failed")
    void deployNoUnits() {
        Failed failed = assertInstanceOf(Failed.class, run(request("deploy", "")));
        assertEquals("There are no valid units to deploy!", failed.reason());
    }

    @Test
    @DisplayName("Deploy: success → one instance per host, then monitored to step_completed")
    void deploySuccess() {
        target.machines = 3;
        Completed done = assertInstanceOf(Completed.class, run(request("deploy_oa", UNITS)));
        assertEquals(List.of("launch app@0.service", "launch app@1.service", "launch app@2.service"), target.calls);
        assertEquals(
                List.of(
                        "ok: The deploy milestone has been received and is being processed by Deployer deploy-1 in"
                                + " cluster tok",
                        "ok: Preparing to deploy 3 instance(s) of each of the 1 unit(s) onto 3 host(s)...",
                        "ok: The units has been deployed, starting deployment monitor...",
                        "ok: The deploy (monitor) milestone has been received and is being processed by Deployer"
                                + " deploy-1 in cluster tok",
                        "ok: Monitoring deployment of the following unit(s):  [\"app@0.service\", \"app@1.service\","
                                + " \"app@2.service\"]",
                        "ok: Starting to monitor 3 units...",
                        "ok: After review, there are 0 units still deploying...",
                        "ok: There are no remaining units to monitor",
                        "ok: The following unit(s) have deployed successfully:  [\"app@0.service\","
                                + " \"app@1.service\", \"app@2.service\"]"),
                chat);
        assertEquals("[OA][wf-1] " + chat.get(0).substring(4), done.events().get(0), "notifications are logged");
    }

    @Test
    @DisplayName("Deploy: fleet_config.instance_cnt = 10 → 10 instances; running ones replaced, extra ones removed")
    void deployInstanceCountReplacesAndRemoves() {
        target.existing = List.of(
                new UnitState("app@1.service", "m0", "launched", "launched", "loaded", "active", "running"),
                new UnitState("app@12.service", "m0", "launched", "launched", "loaded", "active", "running"));
        assertInstanceOf(Completed.class, run(request("deploy", UNITS + ",\"fleet_config\":{\"instance_cnt\":10}")));
        assertEquals(10, target.launched.size());
        assertEquals("remove app@1.service", target.calls.get(1), "replaced before its launch");
        assertEquals("remove app@12.service", target.calls.get(target.calls.size() - 1), "left over, removed last");
    }

    @Test
    @DisplayName("Monitor, units never become active and the loop counter is at its limit → step_failed, once")
    void monitorTimesOutWithOneFailure() {
        target.machines = 1;
        target.states = (name, read) -> new String[] {"activating", "start"};
        Failed failed = assertInstanceOf(Failed.class, run(request("deploy", UNITS)));
        assertEquals("Deployment has failed!", failed.message());
        assertEquals("None of the units have deployed successfully", failed.reason(), "the first rule wins");
        assertEquals(
                4, chat.stream().filter(m -> m.contains("Starting to monitor")).count(), "one look per round");
    }

    @Test
    @DisplayName("Monitor: some active, one still deploying at the limit → the timeout is the one failure")
    void monitorTimesOutWithSomeCompleted() {
        target.machines = 2;
        target.states = (name, read) ->
                name.equals("app@0.service") ? new String[] {"active", "running"} : new String[] {null, null};
        Failed failed = assertInstanceOf(Failed.class, run(request("deploy", UNITS)));
        assertEquals(
                "Deployment has taken over 20 milliseconds to complete! Monitoring will now discontinue.",
                failed.reason());
    }

    @Test
    @DisplayName("log_failed_units: a journal notification per failed unit plus a summary; some active → completed")
    void failedUnitsAreReportedButOneActiveUnitCompletes() {
        target.machines = 3;
        target.failLogsOf = "app@2.service";
        target.states = (name, read) ->
                name.equals("app@0.service") ? new String[] {"active", "running"} : new String[] {"inactive", "dead"};
        assertInstanceOf(Completed.class, run(request("deploy", UNITS)), "§12.4: kept");
        assertTrue(
                chat.contains("FAIL: Unit app@1.service has failed to startup\n\nout of app@1.service\n\n"
                        + "err of app@1.service"),
                chat.toString());
        assertTrue(
                chat.contains("FAIL: Unit app@2.service has failed to startup; an error occurred retrieving the"
                        + " journal\n\njournal of app@2.service unavailable"),
                chat.toString());
        assertTrue(chat.contains(
                "FAIL: The following unit(s) have failed to deploy:  [\"app@1.service\"," + " \"app@2.service\"]"));
        assertTrue(chat.contains("ok: The following unit(s) have deployed successfully:  [\"app@0.service\"]"));
    }

    @Test
    @DisplayName("Monitor: sub-state failed is re-checked 3 times, then failed; a unit that recovers completes")
    void subStateFailedIsRechecked() {
        target.machines = 2;
        target.states = (name, read) -> name.equals("app@0.service")
                ? new String[] {"failed", "failed"}
                : read < 2 ? new String[] {"failed", "failed"} : new String[] {"active", "running"};
        assertInstanceOf(Completed.class, run(request("deploy", UNITS)));
        assertTrue(
                chat.contains("FAIL: The following unit(s) have failed to deploy:  [\"app@0.service\"]"),
                chat.toString());
        assertTrue(chat.contains("ok: The following unit(s) have deployed successfully:  [\"app@1.service\"]"));
        assertEquals(
                1, chat.stream().filter(m -> m.contains("Starting to monitor")).count());
    }

    @Test
    @DisplayName("log_failed_units: none → no failure notification")
    void noFailedUnitsNoFailureNotification() {
        assertInstanceOf(Completed.class, run(request("deploy", UNITS)));
        assertFalse(chat.stream().anyMatch(m -> m.startsWith("FAIL")));
    }

    @Test
    @DisplayName("a cancel stops the monitor during its wait, at once")
    void cancelStopsTheMonitor() throws Exception {
        CountDownLatch monitoring = new CountDownLatch(1);
        target.states = (name, read) -> {
            monitoring.countDown();
            return new String[] {"activating", "start"};
        };
        Cancellation cancellation = new Cancellation();
        var slow = new DeployerMilestones(
                target, null, new MonitorBudget(Duration.ofMinutes(10), 30, Duration.ofSeconds(1)), () -> 0, "d");
        CompletableFuture<Outcome> outcome =
                CompletableFuture.supplyAsync(() -> slow.run(request("deploy", UNITS), (s, m) -> {}, cancellation));
        assertTrue(monitoring.await(5, TimeUnit.SECONDS), "the monitor read the units' states");
        assertFalse(outcome.isDone());
        cancellation.cancel();
        Failed failed = assertInstanceOf(Failed.class, outcome.get(5, TimeUnit.SECONDS));
        assertEquals(DeployerMilestones.INTERRUPTED, failed.reason());
    }

    @Test
    @DisplayName("deploy_ecs: the ECS deployer's steps are notified, then step_completed; no deployer → step_failed")
    void deployEcs() {
        String aws = "\"aws_config\":{\"access_key_id\":\"AK\",\"secret_access_key\":\"SK\",\"region\":\"us-east-1\","
                + "\"ecs\":{\"cluster\":\"c\",\"service\":\"s\",\"task-count\":2}},\"ecs_task_definition\":\"{}\"";
        Failed none = assertInstanceOf(Failed.class, run(request("deploy_ecs", aws)));
        assertEquals("An error occurred during ECS deployment", none.message());

        List<EcsDeployment> deployed = new ArrayList<>();
        ecs = (deployment, progress) -> {
            deployed.add(deployment);
            progress.accept("registered");
        };
        chat.clear();
        assertInstanceOf(Completed.class, run(request("deploy_ecs", aws)));
        assertEquals(2, deployed.get(0).taskCount());
        assertEquals("ok: The units has been deployed.", chat.get(chat.size() - 1));
        assertTrue(chat.contains("ok: registered"));

        ecs = (deployment, progress) -> {
            throw new DeployTargetException("service s not found");
        };
        Failed refused = assertInstanceOf(Failed.class, run(request("deploy_ecs", aws)));
        assertEquals("service s not found", refused.reason());
    }
}
