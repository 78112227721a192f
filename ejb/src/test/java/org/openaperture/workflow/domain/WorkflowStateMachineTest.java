package org.openaperture.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openaperture.workflow.domain.WorkflowRun.Dispatched;
import org.openaperture.workflow.domain.WorkflowStateMachine.Cancel;
import org.openaperture.workflow.domain.WorkflowStateMachine.Cancelled;
import org.openaperture.workflow.domain.WorkflowStateMachine.Complete;
import org.openaperture.workflow.domain.WorkflowStateMachine.Dispatch;
import org.openaperture.workflow.domain.WorkflowStateMachine.Event;
import org.openaperture.workflow.domain.WorkflowStateMachine.Execute;
import org.openaperture.workflow.domain.WorkflowStateMachine.Fail;
import org.openaperture.workflow.domain.WorkflowStateMachine.Ignore;
import org.openaperture.workflow.domain.WorkflowStateMachine.Note;
import org.openaperture.workflow.domain.WorkflowStateMachine.Poisoned;
import org.openaperture.workflow.domain.WorkflowStateMachine.Refuse;
import org.openaperture.workflow.domain.WorkflowStateMachine.Retry;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepCompleted;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepFailed;
import org.openaperture.workflow.domain.WorkflowStateMachine.Transition;
import org.openaperture.workflow.domain.WorkflowStateMachine.Wait;
import org.openaperture.workflow.domain.WorkflowStateMachine.Wake;

/**
 * The orchestrator's state machine. Test names follow the original WorkflowFSM and Workflow cases
 * (components.md §10.1) where one still applies; the rest cover what is new (retry, cancel, waiting for)
 * and the §12 fixes. The orchestrator lives in exchange 1 unless a test says otherwise.
 */
class WorkflowStateMachineTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 25, 10, 0, 0);

    /** Modules per exchange, and predictable dispatch ids. */
    static final class World implements WorkflowStateMachine.Surroundings {
        long own = 1;
        final Map<Long, Set<String>> activeModules = new HashMap<>();
        int ids;

        World with(long exchange, String... types) {
            activeModules.put(exchange, Set.of(types));
            return this;
        }

        @Override
        public long ownExchangeId() {
            return own;
        }

        @Override
        public boolean hasActiveModule(long exchangeId, Set<String> types) {
            return activeModules.getOrDefault(exchangeId, Set.of()).stream().anyMatch(types::contains);
        }

        @Override
        public String newDispatchId() {
            return "d" + ++ids;
        }
    }

    final World world = new World().with(1, "builder", "deployer");

    static WorkflowRun workflow(String... milestones) {
        return new WorkflowRun().milestones(List.of(milestones)).executionRequestedAt(T0.minusSeconds(5));
    }

    Transition apply(WorkflowRun run, Event event, LocalDateTime at) {
        return WorkflowStateMachine.apply(run, event, at, world);
    }

    Transition apply(WorkflowRun run, Event event) {
        return apply(run, event, T0);
    }

    static Dispatched dispatched(Transition t) {
        return assertInstanceOf(Dispatch.class, t.outcome()).to();
    }

    static List<String> messages(Transition t) {
        return t.notes().stream().map(Note::message).toList();
    }

    @Nested
    class WorkflowStarting {
        @Test
        void workflowStarting_workflowAlreadyCompleted_endsCompletedWithoutDispatching() {
            WorkflowRun run = workflow("build").completed(true).currentStep("workflow_completed");

            Transition t = apply(run, new Execute());

            assertInstanceOf(Ignore.class, t.outcome());
            assertFalse(t.changed());
        }

        @Test
        void workflowStarting_noMilestones_completes() {
            Transition t = apply(workflow(), new Execute());

            assertInstanceOf(Complete.class, t.outcome());
            assertTrue(t.run().completed());
            assertEquals(List.of("Starting workflow...", "Workflow completed in 0 seconds"), messages(t));
        }

        @Test
        void workflowStarting_completedAndFailed_callsWorkflowFailed() {
            WorkflowRun run = apply(workflow("build"), new Execute()).run();

            Transition t = apply(run, new StepFailed("build", "d1", null), T0.plusSeconds(30));

            assertEquals(new Fail("Milestone worker has reported a failure"), t.outcome());
            assertTrue(t.run().completed());
            assertTrue(t.run().error());
            assertEquals("30 seconds", t.run().stepDurations().get("build"));
        }

        @Test
        void completedWithoutMilestones_throughTheWholeFsm_ok() {
            Transition t = apply(new WorkflowRun().milestones(null), new Execute());

            assertInstanceOf(Complete.class, t.outcome());
            assertEquals("workflow_completed", t.run().currentStep());
        }
    }

    @Nested
    class Build {
        @Test
        void build_noBuilderInTheExchange_workflowFailed() {
            world.own = 123;

            Transition t = apply(workflow("build"), new Execute());

            assertEquals(
                    new Fail("Unable to request build - no Builders are currently accessible in exchange 123!"),
                    t.outcome());
            assertTrue(t.run().failed());
            assertTrue(messages(t)
                    .contains("Workflow Milestone Failed: :build. Reason: Unable to request build - no Builders are"
                            + " currently accessible in exchange 123!"));
        }

        @Test
        void build_success_dispatchesToTheBuilderOfTheOrchestratorsExchange() {
            Transition t = apply(workflow("build"), new Execute());

            assertEquals(new Dispatched("build", "builder", 1, "d1"), dispatched(t));
            assertEquals("build", t.run().currentStep());
            assertEquals(T0, t.run().stepStartedAt());
            assertFalse(t.run().completed());
        }

        @Test
        void build_buildMessagingExchangeId789_dispatchedTo789() {
            world.with(789, "builder");

            Transition t = apply(workflow("build").buildExchangeId(789L), new Execute());

            assertEquals(new Dispatched("build", "builder", 789, "d1"), dispatched(t));
            assertTrue(messages(t).contains("The default build exchange has been overridden: using exchange 789"));
        }

        @Test
        void build_overriddenExchangeWithoutBuilder_failsNamingThatExchange() {
            Transition t = apply(workflow("build").buildExchangeId(789L), new Execute());

            assertEquals(
                    new Fail("Unable to request build - no Builders are currently accessible in exchange 789!"),
                    t.outcome());
        }

        @Test
        void config_goesToTheBuilderToo() {
            assertEquals(
                    new Dispatched("config", "builder", 1, "d1"), dispatched(apply(workflow("config"), new Execute())));
        }

        @Test
        void build_throughTheFsm_dispatchesThenCompletes() {
            Transition started = apply(workflow("build"), new Execute());
            Transition done = apply(started.run(), new StepCompleted("build", "d1"), T0.plusMinutes(3));

            assertInstanceOf(Complete.class, done.outcome());
            assertTrue(done.run().completed());
            assertFalse(done.run().error());
            assertEquals("3 minutes", done.run().stepDurations().get("build"));
            assertEquals("3 minutes", done.run().workflowDuration());
            assertEquals(
                    List.of("Completed Workflow Milestone: :build, in 3 minutes", "Workflow completed in 3 minutes"),
                    messages(done));
        }
    }

    @Nested
    class Deploy {
        @Test
        void deploy_noDeployer_workflowFailed() {
            world.own = 123;
            world.with(123, "builder");

            Transition t = apply(workflow("deploy"), new Execute());

            assertEquals(
                    new Fail("Unable to request deploy - no deploy clusters are available in exchange 123!"),
                    t.outcome());
        }

        @Test
        void deploy_success_dispatchedToTheDeployer() {
            assertEquals(
                    new Dispatched("deploy", "deployer", 1, "d1"),
                    dispatched(apply(workflow("deploy"), new Execute())));
        }

        @Test
        void deploy_deployMessagingExchangeId_dispatchedToTheOverride() {
            world.with(456, "deployer");

            assertEquals(
                    new Dispatched("deploy", "deployer", 456, "d1"),
                    dispatched(apply(workflow("deploy").deployExchangeId(456L), new Execute())));
        }

        @Test
        void deploy_throughTheFsm_ok() {
            Transition config = apply(workflow("config", "deploy"), new Execute());
            Transition deploy = apply(config.run(), new StepCompleted("config", "d1"), T0.plusSeconds(10));
            Transition done = apply(deploy.run(), new StepCompleted("deploy", "d2"), T0.plusSeconds(70));

            assertEquals(new Dispatched("deploy", "deployer", 1, "d2"), dispatched(deploy));
            assertInstanceOf(Complete.class, done.outcome());
            assertEquals(
                    Map.of("config", "10 seconds", "deploy", "1 minute"),
                    done.run().stepDurations());
        }

        @Test
        void deployOa_success_dispatchedToTheDeployOaQueue() {
            assertEquals(
                    new Dispatched("deploy_oa", "deploy_oa", 1, "d1"),
                    dispatched(apply(workflow("deploy_oa"), new Execute())));
        }

        @Test
        void deployOa_aModuleOfTypeDeployOaCountsToo() {
            world.with(1, "deploy_oa");

            assertEquals(
                    "deploy_oa",
                    dispatched(apply(workflow("deploy_oa"), new Execute())).queue());
        }

        @Test
        void deployOa_noDeployer_workflowFailed() {
            world.own = 123;

            assertEquals(
                    new Fail("Unable to request deploy_oa - no deploy clusters are available in exchange 123!"),
                    apply(workflow("deploy_oa"), new Execute()).outcome());
        }

        @Test
        void deployOa_throughTheFsm_ok() {
            Transition config = apply(workflow("config", "deploy_oa"), new Execute());
            Transition deployOa = apply(config.run(), new StepCompleted("config", "d1"), T0.plusSeconds(10));
            Transition done = apply(deployOa.run(), new StepCompleted("deploy_oa", "d2"), T0.plusSeconds(70));

            assertEquals(new Dispatched("deploy_oa", "deploy_oa", 1, "d2"), dispatched(deployOa));
            assertInstanceOf(Complete.class, done.outcome());
            assertTrue(done.run().completed());
            assertFalse(done.run().error());
            assertEquals(
                    Map.of("config", "10 seconds", "deploy_oa", "1 minute"),
                    done.run().stepDurations());
        }

        @Test
        void deployOa_deployMessagingExchangeId_dispatchedToTheOverride() {
            world.with(456, "deployer");

            assertEquals(
                    new Dispatched("deploy_oa", "deploy_oa", 456, "d1"),
                    dispatched(apply(workflow("deploy_oa").deployExchangeId(456L), new Execute())));
        }
    }

    @Nested
    class DeployEcs {
        @Test
        void deployEcs_success_publishedToTheDeployerOfTheOrchestratorsExchange() {
            assertEquals(
                    new Dispatched("deploy_ecs", "deployer", 1, "d1"),
                    dispatched(apply(workflow("deploy_ecs"), new Execute())));
        }

        @Test
        void deployEcs_withAnOverrideExchange_stillTheOrchestratorsExchange() {
            world.with(456, "deployer");

            assertEquals(
                    1,
                    dispatched(apply(workflow("deploy_ecs").deployExchangeId(456L), new Execute()))
                            .exchangeId());
        }

        @Test
        void deployEcs_throughTheFsm_ok() {
            Transition deployEcs = apply(workflow("deploy_ecs"), new Execute());
            Transition done = apply(deployEcs.run(), new StepCompleted("deploy_ecs", "d1"), T0.plusMinutes(4));

            assertInstanceOf(Complete.class, done.outcome());
            assertTrue(done.run().completed());
            assertFalse(done.run().error());
            assertEquals("4 minutes", done.run().stepDurations().get("deploy_ecs"));
            assertEquals(
                    List.of(
                            "Completed Workflow Milestone: :deploy_ecs, in 4 minutes",
                            "Workflow completed in 4 minutes"),
                    messages(done));
        }

        @Test
        void deployEcs_throughTheFsm_movesToTheNextMilestone() {
            Transition deployEcs = apply(workflow("deploy_ecs", "deploy"), new Execute());
            Transition deploy = apply(deployEcs.run(), new StepCompleted("deploy_ecs", "d1"), T0.plusSeconds(30));

            assertEquals(new Dispatched("deploy", "deployer", 1, "d2"), dispatched(deploy));
            assertEquals("deploy", deploy.run().currentStep());
            assertEquals("30 seconds", deploy.run().stepDurations().get("deploy_ecs"));
            assertFalse(deploy.run().completed());
        }

        @Test
        void deployEcs_noDeployer_workflowFailed() {
            world.activeModules.clear();

            assertEquals(
                    new Fail("Unable to request deploy to ECS - no deploy clusters are available in exchange 1!"),
                    apply(workflow("deploy_ecs"), new Execute()).outcome());
        }
    }

    @Nested
    class Scheduled {
        @Test
        void scheduled_noScheduledStartTime_workflowFailed() {
            assertInstanceOf(
                    Fail.class,
                    apply(workflow("scheduled", "build"), new Execute()).outcome());
        }

        @Test
        void scheduled_timeNow_goesOnAtOnce() {
            Transition t = apply(workflow("scheduled", "build").scheduledStartTime(T0), new Execute());

            assertEquals(new Dispatched("build", "builder", 1, "d1"), dispatched(t));
            assertTrue(messages(t).contains("Workflow is now scheduled to start"));
            assertTrue(t.run().stepDurations().containsKey("scheduled"));
        }

        @Test
        void scheduled_overAnHourInThePast_goesOnAtOnce() {
            assertEquals(
                    "build",
                    dispatched(apply(
                                    workflow("scheduled", "build").scheduledStartTime(T0.minusHours(25)),
                                    new Execute()))
                            .step());
        }

        @Test
        void scheduled_lessThanAnHourInThePast_goesOnAtOnce() {
            assertEquals(
                    "build",
                    dispatched(apply(
                                    workflow("scheduled", "build").scheduledStartTime(T0.minusHours(1)), new Execute()))
                            .step());
        }

        @Test
        @DisplayName("§12.1: a start 30 minutes away waits for a wake-up at that time; nothing is dispatched")
        void scheduled_lessThanAnHourAhead_waitsUntilTheStartTime() {
            Transition t = apply(workflow("scheduled", "build").scheduledStartTime(T0.plusMinutes(30)), new Execute());

            assertEquals(new Wait(T0.plusMinutes(30)), t.outcome());
            assertEquals("scheduled", t.run().currentStep());
            assertEquals(T0.plusMinutes(30), t.run().wakeAt());
            assertNull(t.run().running());
        }

        @Test
        @DisplayName("a start three hours away is looked at again in an hour, so a changed start time is noticed")
        void scheduled_moreThanAnHourAhead_waitsAnHour() {
            Transition t = apply(workflow("scheduled", "build").scheduledStartTime(T0.plusHours(3)), new Execute());

            assertEquals(new Wait(T0.plusHours(1)), t.outcome());
        }

        @Test
        @DisplayName(
                "§12.2: the wake-up re-enters scheduled, never the first milestone (config first, as the Manager adds it)")
        void scheduled_wakeUp_reEntersScheduledNotTheFirstMilestone() {
            WorkflowRun run = workflow("config", "scheduled", "deploy").scheduledStartTime(T0.plusMinutes(30));
            Transition config = apply(run, new Execute());
            Transition waiting = apply(config.run(), new StepCompleted("config", "d1"), T0.plusMinutes(1));
            assertEquals(new Wait(T0.plusMinutes(30)), waiting.outcome());

            Transition woken = apply(waiting.run(), new Wake(T0.plusMinutes(30)), T0.plusMinutes(30));

            assertEquals(new Dispatched("deploy", "deployer", 1, "d2"), dispatched(woken));
            assertEquals("29 minutes", woken.run().stepDurations().get("scheduled"));
        }

        @Test
        void scheduled_wakeUpStillEarly_waitsAgain() {
            WorkflowRun run = workflow("scheduled", "build").scheduledStartTime(T0.plusHours(3));
            Transition first = apply(run, new Execute());

            Transition second = apply(first.run(), new Wake(T0.plusHours(1)), T0.plusHours(1));

            assertEquals(new Wait(T0.plusHours(2)), second.outcome());
        }

        @Test
        void scheduled_aWakeUpThatIsNotAwaited_isStale() {
            WorkflowRun run = workflow("scheduled", "build").scheduledStartTime(T0.plusMinutes(30));
            Transition waiting = apply(run, new Execute());

            assertInstanceOf(
                    Ignore.class,
                    apply(waiting.run(), new Wake(T0.plusMinutes(5))).outcome());
            Transition cancelled = apply(waiting.run(), new Cancel());
            assertInstanceOf(
                    Ignore.class,
                    apply(cancelled.run(), new Wake(T0.plusMinutes(30)), T0.plusMinutes(30))
                            .outcome());
        }
    }

    @Nested
    class ResolveNextMilestone {
        @Test
        void emptyMilestones_workflowCompleted_completedTrueErrorFalseDurationSet() {
            Transition t = apply(workflow(), new Execute());

            assertTrue(t.run().completed());
            assertFalse(t.run().error());
            assertEquals("0 seconds", t.run().workflowDuration());
            assertEquals("workflow_completed", t.run().currentStep());
        }

        @Test
        void buildFromTheStart_build_withStepTimeSetAndNotCompleted() {
            Transition t = apply(workflow("build"), new Execute());

            assertEquals("build", t.run().currentStep());
            assertEquals(T0, t.run().stepStartedAt());
            assertFalse(t.run().completed());
        }

        @Test
        void buildDeployAtBuild_deploy_withADurationForBuild() {
            Transition build = apply(workflow("build", "deploy"), new Execute());
            Transition deploy = apply(build.run(), new StepCompleted("build", "d1"), T0.plusSeconds(42));

            assertEquals("deploy", deploy.run().currentStep());
            assertEquals("42 seconds", deploy.run().stepDurations().get("build"));
        }

        @Test
        void resolveNextStep() {
            assertNull(WorkflowStateMachine.nextStep(null, null));
            assertNull(WorkflowStateMachine.nextStep(List.of(), null));
            assertEquals("build", WorkflowStateMachine.nextStep(List.of("build", "deploy"), null));
            assertEquals("deploy", WorkflowStateMachine.nextStep(List.of("build", "deploy"), "build"));
            assertNull(WorkflowStateMachine.nextStep(List.of("build", "deploy"), "deploy"));
            assertNull(WorkflowStateMachine.nextStep(List.of("build", "deploy"), "config"));
        }

        @Test
        @DisplayName("§3.2: a milestone the orchestrator does not know fails the workflow instead of crashing")
        void unknownMilestone_workflowFailed() {
            WorkflowRun config =
                    apply(workflow("config", "paint"), new Execute()).run();

            assertEquals(
                    new Fail("Unable to process milestone :paint - unknown milestone"),
                    apply(config, new StepCompleted("config", "d1")).outcome());
        }
    }

    @Nested
    class WorkflowFailed {
        @Test
        void workflowFailed_success_completedAndErrorWithDurations() {
            WorkflowRun build =
                    apply(workflow("build", "deploy"), new Execute()).run();

            Transition t = apply(build, new StepFailed("build", "d1", "docker build exited with 1"), T0.plusMinutes(2));

            assertTrue(t.run().completed());
            assertTrue(t.run().error());
            assertEquals("2 minutes", t.run().workflowDuration());
            assertEquals("2 minutes", t.run().stepDurations().get("build"));
            assertEquals(
                    "Milestone worker has reported a failure: docker build exited with 1",
                    t.run().failureReason());
            assertEquals(
                    List.of(
                            "Workflow Milestone Failed: :build. Reason: Milestone worker has reported a failure:"
                                    + " docker build exited with 1",
                            "Workflow has failed in 2 minutes",
                            "Completed Workflow Milestone: :build, in 2 minutes"),
                    messages(t));
            assertEquals(
                    List.of(false, false, true),
                    t.notes().stream().map(Note::success).toList());
        }

        @Test
        void aPoisonMessageNamingTheWorkflow_failsItWithTheReason() {
            WorkflowRun build = apply(workflow("build"), new Execute()).run();

            Transition t = apply(
                    build, new Poisoned("orchestration message is not understood: current_step must be a string"));

            assertEquals(
                    new Fail("orchestration message is not understood: current_step must be a string"), t.outcome());
            assertTrue(t.run().failed());
        }
    }

    @Nested
    @DisplayName("duplicates and stale messages change nothing")
    class Duplicates {
        @Test
        void aSecondExecuteRequestIsIgnored() {
            WorkflowRun started = apply(workflow("build"), new Execute()).run();

            assertInstanceOf(Ignore.class, apply(started, new Execute()).outcome());
        }

        @Test
        void aCallbackForAnotherStepIsStale() {
            WorkflowRun build =
                    apply(workflow("build", "deploy"), new Execute()).run();

            assertInstanceOf(
                    Ignore.class,
                    apply(build, new StepCompleted("deploy", null)).outcome());
        }

        @Test
        void aSecondCompletionOfTheSameStepIsStale() {
            WorkflowRun build = apply(workflow("build", "build"), new Execute()).run();
            WorkflowRun next = apply(build, new StepCompleted("build", "d1")).run();

            assertInstanceOf(
                    Ignore.class, apply(next, new StepCompleted("build", "d1")).outcome());
        }

        @Test
        void aCallbackWithoutADispatchIdCountsForTheCurrentStep() {
            WorkflowRun build = apply(workflow("build"), new Execute()).run();

            assertInstanceOf(
                    Complete.class,
                    apply(build, new StepCompleted("build", null)).outcome());
        }

        @Test
        void callbacksAfterCompletionAreStale() {
            WorkflowRun done = apply(apply(workflow("build"), new Execute()).run(), new StepCompleted("build", "d1"))
                    .run();

            assertInstanceOf(
                    Ignore.class,
                    apply(done, new StepFailed("build", "d1", "late")).outcome());
        }
    }

    @Nested
    class RetryFromTheFailedStep {
        WorkflowRun failedAtDeploy() {
            WorkflowRun build =
                    apply(workflow("build", "deploy"), new Execute()).run();
            WorkflowRun deploy = apply(build, new StepCompleted("build", "d1"), T0.plusMinutes(1))
                    .run();
            return apply(deploy, new StepFailed("deploy", "d2", "unit failed"), T0.plusMinutes(2))
                    .run();
        }

        @Test
        void retry_resumesFromTheStepThatFailed_withANewDispatch() {
            Transition t = apply(failedAtDeploy(), new Retry(), T0.plusMinutes(10));

            assertEquals(new Dispatched("deploy", "deployer", 1, "d3"), dispatched(t));
            assertFalse(t.run().completed());
            assertFalse(t.run().error());
            assertNull(t.run().failureReason());
            assertEquals("1 minute", t.run().stepDurations().get("build"));
            assertEquals(T0.plusMinutes(10), t.run().stepStartedAt());
            assertEquals(
                    "Retrying workflow from milestone :deploy...", messages(t).get(0));
        }

        @Test
        void retry_theFailedAttemptsLateCallbackIsStale() {
            WorkflowRun retried =
                    apply(failedAtDeploy(), new Retry(), T0.plusMinutes(10)).run();

            assertInstanceOf(
                    Ignore.class,
                    apply(retried, new StepCompleted("deploy", "d2")).outcome());
            assertInstanceOf(
                    Complete.class,
                    apply(retried, new StepCompleted("deploy", "d3")).outcome());
        }

        @Test
        void retry_aWorkflowThatFailedBeforeAnyStep_startsFromTheFirstMilestone() {
            WorkflowRun failed = apply(workflow("build"), new Poisoned("bad")).run();

            assertEquals(new Dispatched("build", "builder", 1, "d1"), dispatched(apply(failed, new Retry())));
        }

        @Test
        void retry_thatFailsAgain_failsWithTheNewReason() {
            world.activeModules.put(1L, Set.of("builder"));

            assertEquals(
                    new Fail("Unable to request deploy - no deploy clusters are available in exchange 1!"),
                    apply(failedAtDeploy(), new Retry()).outcome());
        }

        @Test
        void retry_isRefusedUnlessTheWorkflowFailed() {
            WorkflowRun running = apply(workflow("build"), new Execute()).run();
            WorkflowRun succeeded =
                    apply(running, new StepCompleted("build", "d1")).run();
            WorkflowRun cancelled = apply(running, new Cancel()).run();

            assertInstanceOf(Refuse.class, apply(workflow("build"), new Retry()).outcome());
            assertInstanceOf(Refuse.class, apply(running, new Retry()).outcome());
            assertInstanceOf(Refuse.class, apply(succeeded, new Retry()).outcome());
            assertEquals(
                    new Refuse("Workflow was cancelled; only a failed workflow can be retried"),
                    apply(cancelled, new Retry()).outcome());
        }
    }

    @Nested
    class CancelARunningWorkflow {
        @Test
        void cancel_running_stopsTheStepsComponentAndMarksTheWorkflow() {
            WorkflowRun build =
                    apply(workflow("build", "deploy"), new Execute()).run();

            Transition t = apply(build, new Cancel(), T0.plusSeconds(20));

            assertEquals(new Cancelled(Optional.of(new Dispatched("build", "builder", 1, "d1"))), t.outcome());
            assertTrue(t.run().cancelled());
            assertTrue(t.run().completed());
            assertTrue(t.run().error());
            assertFalse(t.run().failed());
            assertEquals("20 seconds", t.run().stepDurations().get("build"));
            assertEquals(List.of("Workflow cancelled at milestone :build"), messages(t));
            assertInstanceOf(
                    Ignore.class,
                    apply(t.run(), new StepCompleted("build", "d1")).outcome());
        }

        @Test
        void cancel_beforeTheOrchestratorStartedIt_theExecuteRequestIsThenIgnored() {
            Transition t = apply(workflow("build"), new Cancel());

            assertEquals(new Cancelled(Optional.empty()), t.outcome());
            assertInstanceOf(Ignore.class, apply(t.run(), new Execute()).outcome());
        }

        @Test
        void cancel_isRefusedUnlessRunning() {
            WorkflowRun neverExecuted = new WorkflowRun().milestones(List.of("build"));
            WorkflowRun done = apply(apply(workflow("build"), new Execute()).run(), new StepCompleted("build", "d1"))
                    .run();

            assertEquals(
                    new Refuse("Workflow is not running; execute it first"),
                    apply(neverExecuted, new Cancel()).outcome());
            assertEquals(
                    new Refuse("Workflow has already completed"),
                    apply(done, new Cancel()).outcome());
        }
    }

    @Nested
    class WaitingFor {
        final Map<Long, String> names = Map.of(1L, "US-EAST-1", 2L, "US-WEST-1");

        Optional<String> waitingFor(WorkflowRun run) {
            return WorkflowStateMachine.waitingFor(run, names::get);
        }

        @Test
        void aDispatchedStep_saysWhichComponentOfWhichExchangeSinceWhen() {
            WorkflowRun build = apply(workflow("build"), new Execute()).run();

            assertEquals(
                    Optional.of("build on builder of US-EAST-1 since Wed, 25 Nov 2026 10:00:00 GMT"),
                    waitingFor(build));
        }

        @Test
        void aScheduledWorkflow_saysItsStartAndNextEvaluation() {
            WorkflowRun waiting = apply(
                            workflow("scheduled", "build").scheduledStartTime(T0.plusHours(3)), new Execute())
                    .run();

            assertEquals(
                    Optional.of("scheduled start at Wed, 25 Nov 2026 13:00:00 GMT (next evaluation at"
                            + " Wed, 25 Nov 2026 11:00:00 GMT)"),
                    waitingFor(waiting));
        }

        @Test
        void anExecutedWorkflowTheOrchestratorHasNotStarted_saysSo() {
            assertEquals(
                    Optional.of("the orchestrator to start it, requested Wed, 25 Nov 2026 09:59:55 GMT"),
                    waitingFor(workflow("build")));
        }

        @Test
        void neverExecutedOrCompleted_waitsForNothing() {
            assertEquals(Optional.empty(), waitingFor(new WorkflowRun().milestones(List.of("build"))));
            assertEquals(
                    Optional.empty(),
                    waitingFor(apply(workflow(), new Execute()).run()));
        }

        @Test
        void theDispatchIdChangesWithEveryDispatch() {
            WorkflowRun first = apply(workflow("build", "build"), new Execute()).run();
            WorkflowRun second = apply(first, new StepCompleted("build", "d1")).run();

            assertNotEquals(first.running().dispatchId(), second.running().dispatchId());
        }
    }
}
