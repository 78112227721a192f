package org.openaperture.overseer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openaperture.overseer.domain.UpgradeRules.Component;
import org.openaperture.overseer.domain.UpgradeRules.Ref;
import org.openaperture.overseer.domain.UpgradeRules.Step;
import org.openaperture.overseer.domain.UpgradeRules.WorkflowState;

/**
 * components.md §8.4: the upgrade's eligibility checks, its workflows, and the original cases of §10.6
 * MonitorTask.resolve_current_workflow and check_upgrade_status that still apply.
 */
class UpgradeRulesTest {
    private static final Component BUILDER = new Component(
            "builder", "upgrade_completed", "hourly", "org/builder", "v1", "org/builder_docker", "master");
    private static final Ref NEWER = new Ref("org/builder", "v2", true);

    private static WorkflowState done(String id) {
        return new WorkflowState(id, false, true, false);
    }

    private static WorkflowState errored(String id) {
        return new WorkflowState(id, true, true, false);
    }

    private static WorkflowState running(String id) {
        return new WorkflowState(id, false, false, false);
    }

    private static WorkflowState notStarted(String id) {
        return new WorkflowState(id, false, false, true);
    }

    private static String current(WorkflowState... states) {
        return UpgradeRules.currentWorkflow(Arrays.asList(states))
                .map(WorkflowState::id)
                .orElse(null);
    }

    @Nested
    class MonitorTask {
        @Test
        void resolveCurrentWorkflow_nullStatusOrEmptyList_null() {
            assertEquals(Optional.empty(), UpgradeRules.currentWorkflow(null));
            assertEquals(Optional.empty(), UpgradeRules.currentWorkflow(List.of()));
        }

        @Test
        void resolveCurrentWorkflow_aWorkflowGetFails_null() {
            assertEquals(null, current(done("1"), null));
        }

        @Test
        void resolveCurrentWorkflow_singleErrored_it() {
            assertEquals("1", current(errored("1")));
        }

        @Test
        void resolveCurrentWorkflow_secondErrored_theSecond() {
            assertEquals("2", current(done("1"), errored("2")));
        }

        @Test
        void resolveCurrentWorkflow_firstErrored_theFirst() {
            assertEquals("1", current(errored("1"), running("2")));
        }

        @Test
        void resolveCurrentWorkflow_firstInProgress_theFirst() {
            assertEquals("1", current(running("1"), notStarted("2")));
        }

        @Test
        void resolveCurrentWorkflow_firstDoneSecondInProgress_theSecond() {
            assertEquals("2", current(done("1"), running("2")));
        }

        @Test
        void resolveCurrentWorkflow_allDone_theLast() {
            assertEquals("2", current(done("1"), done("2")));
        }

        @Test
        void resolveCurrentWorkflow_singleDone_it() {
            assertEquals("1", current(done("1")));
        }

        @Test
        void checkUpgradeStatus_completed_upgradeCompleted() {
            assertEquals(Step.COMPLETE, UpgradeRules.step(done("1")));
        }

        @Test
        void checkUpgradeStatus_notStarted_executed() {
            assertEquals(Step.EXECUTE, UpgradeRules.step(notStarted("1")));
        }

        @Test
        void checkUpgradeStatus_inProgress_upgradeInProgress() {
            assertEquals(Step.WAIT, UpgradeRules.step(running("1")));
        }

        @Test
        void checkUpgradeStatus_errored_error() {
            assertEquals(Step.FAIL, UpgradeRules.step(errored("1")));
        }
    }

    @Nested
    class UpgradeTask {
        @Test
        void eligible_whenTheRefNamesAnotherSource() {
            assertEquals(Optional.empty(), UpgradeRules.ineligibility(BUILDER, NEWER));
        }

        @Test
        void eligibleForUpgrade_differentRepo_true() {
            assertEquals(Optional.empty(), UpgradeRules.ineligibility(BUILDER, new Ref("org/builder-ng", "v1", true)));
        }

        @Test
        void eligibleForUpgrade_upgradeStrategyUnset_notEligible() {
            Component unset = new Component("builder", null, null, "org/builder", "v1", "org/builder_docker", "master");
            Component blank = new Component("builder", null, " ", "org/builder", "v1", "org/builder_docker", "master");

            assertEquals(Optional.of("The upgrade strategy is manual"), UpgradeRules.ineligibility(unset, NEWER));
            assertEquals(Optional.of("The upgrade strategy is manual"), UpgradeRules.ineligibility(blank, NEWER));
        }

        @Test
        void notEligible_checkedInTheOriginalsOrder() {
            assertTrue(UpgradeRules.ineligibility(BUILDER, null).orElseThrow().contains("SystemComponentRef"));
            Component upgrading = new Component(
                    "builder", "upgrade_in_progress", "manual", "org/builder", "v1", "org/builder_docker", "master");
            assertTrue(
                    UpgradeRules.ineligibility(upgrading, NEWER).orElseThrow().contains("already in progress"));
            Component manual =
                    new Component("builder", null, "manual", "org/builder", "v1", "org/builder_docker", "master");
            assertTrue(UpgradeRules.ineligibility(manual, NEWER).orElseThrow().contains("manual"));
            Component noRepo = new Component("builder", null, "hourly", "org/builder", "v1", " ", "master");
            assertTrue(UpgradeRules.ineligibility(noRepo, NEWER).orElseThrow().contains("deployment_repo"));
            Component noRef = new Component("builder", null, "hourly", "org/builder", "v1", "org/builder_docker", "");
            assertTrue(UpgradeRules.ineligibility(noRef, NEWER).orElseThrow().contains("deployment_repo_git_ref"));
            assertTrue(UpgradeRules.ineligibility(BUILDER, new Ref("org/builder", "v2", false))
                    .orElseThrow()
                    .contains("Auto-upgrade is disabled"));
            assertTrue(UpgradeRules.ineligibility(BUILDER, new Ref("", "v2", true))
                    .orElseThrow()
                    .contains("source_repo"));
            assertTrue(UpgradeRules.ineligibility(BUILDER, new Ref("org/builder", null, true))
                    .orElseThrow()
                    .contains("source_repo_git_ref"));
        }

        @Test
        void notEligible_alreadyRunningTheLatest() {
            assertTrue(UpgradeRules.ineligibility(BUILDER, new Ref("org/builder", "v1", true))
                    .orElseThrow()
                    .contains("already running the latest"));
        }

        @Test
        void plan_oneWorkflowDeployedByTheOaDeployer() {
            var plan = UpgradeRules.plan(BUILDER, NEWER);
            assertEquals(1, plan.size());
            assertEquals(
                    new UpgradeRules.PlannedWorkflow(
                            "org/builder_docker", "master", "org/builder", "v2", List.of("config", "deploy_oa")),
                    plan.get(0));
        }

        @Test
        void plan_aDeployerIsThenRedeployedAsOaDeployerByANormalDeployer() {
            Component deployer =
                    new Component("deployer", null, "hourly", "org/deployer", "v1", "org/deployer_docker", "master");
            var plan = UpgradeRules.plan(deployer, new Ref("org/deployer", "v2", true));
            assertEquals(2, plan.size());
            assertEquals(List.of("config", "deploy_oa"), plan.get(0).milestones());
            assertEquals("org/deployer_docker_oa", plan.get(1).deploymentRepo());
            assertEquals(List.of("config", "deploy"), plan.get(1).milestones());
        }
    }

    @Test
    void upgradeStatus_roundTripsThroughItsJson() {
        UpgradeStatus status = new UpgradeStatus(
                List.of("a", "b"), "a", "Mon, 30 Nov 2026 10:00:00 GMT", "", "org/x", "v2", "org/x_docker", "master");
        assertEquals(status, UpgradeStatus.parse(status.toJson().toString()));
        assertEquals(List.of(), UpgradeStatus.parse("not json").workflows());
        assertEquals(null, UpgradeStatus.parse(null).currentWorkflow());
    }
}
