package org.openaperture.workflow.domain;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.workflow.domain.WorkflowRun.Dispatched;

/**
 * The workflow orchestrator's rule, in one place (components.md §3.2–3.5, with the §12 fixes): given how far
 * a workflow got and what just happened, what happens next — dispatch a milestone to a component of an
 * exchange, complete, fail with a reason, wait until a time, or nothing (a duplicate or stale message).
 *
 * <p>Pure: no messaging, no database. What it needs of the world comes through {@link Surroundings}.
 * Texts, step names with a leading colon and the failure wording follow the original orchestrator.
 */
public final class WorkflowStateMachine {
    public static final String BUILD = "build";
    public static final String CONFIG = "config";
    public static final String DEPLOY = "deploy";
    public static final String DEPLOY_OA = "deploy_oa";
    public static final String DEPLOY_ECS = "deploy_ecs";
    public static final String SCHEDULED = "scheduled";
    /** The {@code current_step} of a workflow that ran to its end. */
    public static final String WORKFLOW_COMPLETED = "workflow_completed";

    /** Logical queues milestones are dispatched to. */
    public static final String BUILDER_QUEUE = QueueNames.BUILDER;

    public static final String DEPLOYER_QUEUE = QueueNames.DEPLOYER;
    public static final String DEPLOY_OA_QUEUE = QueueNames.DEPLOY_OA;
    /** The orchestrator's own queue: a scheduled workflow waits for its own wake-up message there. */
    public static final String ORCHESTRATION_QUEUE = QueueNames.WORKFLOW_ORCHESTRATION;

    /** A scheduled workflow is looked at again at least this often, so a changed start time is noticed. */
    public static final Duration SCHEDULE_RE_EVALUATION = Duration.ofHours(1);

    /** What the machine needs to know of the world. */
    public interface Surroundings {
        /** The exchange this orchestrator lives in. */
        long ownExchangeId();

        /** Whether an <em>active</em> module of one of {@code types} is registered in the exchange (§12.13). */
        boolean hasActiveModule(long exchangeId, Set<String> types);

        /** A fresh id for a dispatch, echoed by the worker's callback. */
        String newDispatchId();
    }

    /** What happened. */
    public sealed interface Event {}

    /** The Manager's execute request reached the orchestrator. */
    public record Execute() implements Event {}

    /** A worker reported its milestone done; {@code dispatchId} is null from workers that do not echo it. */
    public record StepCompleted(String step, String dispatchId) implements Event {}

    /** A worker reported its milestone failed. */
    public record StepFailed(String step, String dispatchId, String reason) implements Event {}

    /** An operator asked to resume a failed workflow from the step that failed. */
    public record Retry() implements Event {}

    /** An operator asked to stop a running workflow. */
    public record Cancel() implements Event {}

    /** The wake-up a scheduled workflow asked for (for {@code wakeAt}) arrived. */
    public record Wake(LocalDateTime wakeAt) implements Event {}

    /** A message that had an effect on some workflow but cannot be understood: the workflow fails with the reason. */
    public record Poisoned(String reason) implements Event {}

    /** What to do about it. */
    public sealed interface Outcome {}

    /** Send the milestone request to {@code queue} of the exchange. */
    public record Dispatch(Dispatched to) implements Outcome {}

    /** The workflow ran to its end. */
    public record Complete() implements Outcome {}

    /** The workflow failed. */
    public record Fail(String reason) implements Outcome {}

    /** Nothing to send now: look again at {@code until}. */
    public record Wait(LocalDateTime until) implements Outcome {}

    /** The workflow was cancelled; {@code stop} is the step a component was running, to be told to stop. */
    public record Cancelled(Optional<Dispatched> stop) implements Outcome {}

    /** Nothing happens: a duplicate or stale message. */
    public record Ignore(String why) implements Outcome {}

    /** The request is not allowed in this state (an operator's retry or cancel): nothing changes. */
    public record Refuse(String why) implements Outcome {}

    /** A line for the event log and the chat room. */
    public record Note(boolean success, String message) {}

    /** The new state, the notes in the order they happened, and the outcome. */
    public record Transition(WorkflowRun run, List<Note> notes, Outcome outcome) {
        public boolean changed() {
            return !(outcome instanceof Ignore || outcome instanceof Refuse);
        }
    }

    private final Surroundings surroundings;
    private final LocalDateTime now;
    private final WorkflowRun run;
    private final List<Note> notes = new ArrayList<>();

    private WorkflowStateMachine(Surroundings surroundings, LocalDateTime now, WorkflowRun run) {
        this.surroundings = surroundings;
        this.now = now;
        this.run = run;
    }

    /** Applies one event at {@code now}; {@code current} is left unchanged. */
    public static Transition apply(WorkflowRun current, Event event, LocalDateTime now, Surroundings surroundings) {
        WorkflowStateMachine machine = new WorkflowStateMachine(surroundings, now, current.copy());
        Outcome outcome = machine.on(event);
        if (outcome instanceof Ignore || outcome instanceof Refuse) {
            return new Transition(current.copy(), List.of(), outcome);
        }
        return new Transition(machine.run, List.copyOf(machine.notes), outcome);
    }

    private Outcome on(Event event) {
        if (event instanceof Execute) {
            return execute();
        }
        if (event instanceof StepCompleted completed) {
            return stepCompleted(completed);
        }
        if (event instanceof StepFailed failed) {
            return stepFailed(failed);
        }
        if (event instanceof Retry) {
            return retry();
        }
        if (event instanceof Cancel) {
            return cancel();
        }
        if (event instanceof Wake wake) {
            return wake(wake);
        }
        Poisoned poisoned = (Poisoned) event;
        return run.completed ? new Ignore("workflow has already completed") : fail(poisoned.reason());
    }

    private Outcome execute() {
        if (run.completed) {
            return new Ignore("workflow has already completed");
        }
        if (run.currentStep != null) {
            return new Ignore("workflow has already been started (at " + run.currentStep + ")");
        }
        run.startedAt = now;
        note(true, "Starting workflow...");
        return advance();
    }

    private Outcome stepCompleted(StepCompleted c) {
        Optional<Ignore> stale = stale(c.step(), c.dispatchId());
        if (stale.isPresent()) {
            return stale.get();
        }
        closeStep();
        return advance();
    }

    private Outcome stepFailed(StepFailed f) {
        Optional<Ignore> stale = stale(f.step(), f.dispatchId());
        if (stale.isPresent()) {
            return stale.get();
        }
        String reason = "Milestone worker has reported a failure";
        return fail(f.reason() == null || f.reason().isBlank() ? reason : reason + ": " + f.reason());
    }

    /** A callback counts only for the step the workflow is at, from the dispatch it is waiting for. */
    private Optional<Ignore> stale(String step, String dispatchId) {
        if (run.completed) {
            return Optional.of(new Ignore("workflow has already " + (run.cancelled ? "been cancelled" : "completed")));
        }
        if (run.running == null || step == null || !step.equals(run.currentStep)) {
            return Optional.of(new Ignore("callback for " + step + " while the workflow is at " + run.currentStep
                    + (run.running == null ? " with nothing dispatched" : "")));
        }
        if (dispatchId != null && !dispatchId.equals(run.running.dispatchId())) {
            return Optional.of(new Ignore("callback for dispatch " + dispatchId + " of " + step
                    + "; the workflow waits for dispatch " + run.running.dispatchId()));
        }
        return Optional.empty();
    }

    private Outcome retry() {
        if (!run.failed()) {
            return new Refuse(
                    run.cancelled
                            ? "Workflow was cancelled; only a failed workflow can be retried"
                            : "Workflow has not failed; only a failed workflow can be retried");
        }
        String from = run.currentStep;
        run.completed = false;
        run.error = false;
        run.failureReason = null;
        run.workflowDuration = null;
        run.running = null;
        run.wakeAt = null;
        if (from == null || WORKFLOW_COMPLETED.equals(from) || !run.milestones.contains(from)) {
            note(true, "Retrying workflow from the start...");
            run.currentStep = null;
            if (run.startedAt == null) {
                run.startedAt = now;
            }
            return advance();
        }
        note(true, "Retrying workflow from milestone " + colon(from) + "...");
        return enterStep(from);
    }

    private Outcome cancel() {
        if (!run.isRunning()) {
            return new Refuse(
                    run.completed ? "Workflow has already completed" : "Workflow is not running; execute it first");
        }
        Optional<Dispatched> stop = Optional.ofNullable(run.running);
        String step = run.currentStep;
        run.cancelled = true;
        run.completed = true;
        // Workers look at workflow_error to stop a running step (the Builder does every few seconds).
        run.error = true;
        run.failureReason = "cancelled";
        run.workflowDuration = HumanDuration.between(run.startedAt, now);
        if (step != null && run.stepStartedAt != null) {
            run.stepDurations.put(step, HumanDuration.between(run.stepStartedAt, now));
        }
        run.running = null;
        run.wakeAt = null;
        note(
                false,
                step == null
                        ? "Workflow cancelled before it started"
                        : "Workflow cancelled at milestone " + colon(step));
        return new Cancelled(stop);
    }

    private Outcome wake(Wake w) {
        if (run.completed) {
            return new Ignore("workflow has already completed");
        }
        if (!SCHEDULED.equals(run.currentStep)
                || run.wakeAt == null
                || !run.wakeAt.truncatedTo(ChronoUnit.SECONDS).equals(w.wakeAt().truncatedTo(ChronoUnit.SECONDS))) {
            return new Ignore("wake-up for " + w.wakeAt() + " is stale; the workflow is at " + run.currentStep
                    + (run.wakeAt == null ? "" : " waiting until " + run.wakeAt));
        }
        run.wakeAt = null;
        // §12.2: re-enter the scheduled milestone itself, not the first milestone; it started when it first waited.
        return handleStep(SCHEDULED);
    }

    /** resolve_next_milestone after the current step was closed: the next milestone, or the end. */
    private Outcome advance() {
        String next = nextStep(run.milestones, run.currentStep);
        if (next == null) {
            run.completed = true;
            run.error = false;
            run.currentStep = WORKFLOW_COMPLETED;
            run.stepStartedAt = null;
            run.workflowDuration = HumanDuration.between(run.startedAt, now);
            note(true, "Workflow completed in " + run.workflowDuration);
            return new Complete();
        }
        run.currentStep = next;
        note(true, "Starting Workflow Milestone: " + colon(next));
        return enterStep(next);
    }

    /** The element after the first one equal to {@code current}; the first when {@code current} is null. */
    public static String nextStep(List<String> milestones, String current) {
        if (milestones == null || milestones.isEmpty()) {
            return null;
        }
        if (current == null) {
            return milestones.get(0);
        }
        int at = milestones.indexOf(current);
        return at < 0 || at + 1 >= milestones.size() ? null : milestones.get(at + 1);
    }

    private Outcome enterStep(String step) {
        run.stepStartedAt = now;
        return handleStep(step);
    }

    /** Runs the milestone {@code step}; its start time is already set (a wake-up keeps the first one). */
    private Outcome handleStep(String step) {
        run.currentStep = step;
        return switch (step) {
            case BUILD, CONFIG -> build(step);
            case DEPLOY, DEPLOY_OA -> deploy(step);
            case DEPLOY_ECS -> deployEcs();
            case SCHEDULED -> scheduled();
            default -> fail("Unable to process milestone " + colon(step) + " - unknown milestone");
        };
    }

    /**
     * {@code build} and {@code config} go to a Builder: of {@code build_messaging_exchange_id} when given,
     * else of the orchestrator's exchange (build clusters are gone; §12.9: no cluster lookup needed).
     */
    private Outcome build(String step) {
        long exchange = override(run.buildExchangeId, "build");
        if (!surroundings.hasActiveModule(exchange, Set.of("builder"))) {
            return fail("Unable to request " + step + " - no Builders are currently accessible in exchange " + exchange
                    + "!");
        }
        note(true, "Dispatching a " + step + " request to exchange " + exchange + "...");
        return dispatch(step, BUILDER_QUEUE, exchange);
    }

    /**
     * {@code deploy} goes to {@code deployer}, {@code deploy_oa} to {@code deploy_oa}, of
     * {@code deploy_messaging_exchange_id} when given, else of the orchestrator's exchange. The OA Deployer
     * registers as a {@code deployer} module (the original checked that type for both).
     */
    private Outcome deploy(String step) {
        long exchange = override(run.deployExchangeId, "deploy");
        Set<String> types = DEPLOY_OA.equals(step) ? Set.of("deployer", "deploy_oa") : Set.of("deployer");
        if (!surroundings.hasActiveModule(exchange, types)) {
            return fail(
                    "Unable to request " + step + " - no deploy clusters are available in exchange " + exchange + "!");
        }
        note(true, "Dispatching a " + step + " request to exchange " + exchange + "...");
        return dispatch(step, DEPLOY_OA.equals(step) ? DEPLOY_OA_QUEUE : DEPLOYER_QUEUE, exchange);
    }

    /** §12.10: always the orchestrator's own exchange; the deploy override is ignored, as in the original. */
    private Outcome deployEcs() {
        long exchange = surroundings.ownExchangeId();
        if (!surroundings.hasActiveModule(exchange, Set.of("deployer"))) {
            return fail(
                    "Unable to request deploy to ECS - no deploy clusters are available in exchange " + exchange + "!");
        }
        note(true, "Dispatching a deploy to ECS request to exchange " + exchange + "...");
        return dispatch(DEPLOY_ECS, DEPLOYER_QUEUE, exchange);
    }

    /**
     * §12.1: never sleeps. A start time in the future makes the workflow wait for a wake-up at that time
     * (at most an hour away, so a changed start time is seen); a start time reached closes the milestone
     * and goes on with the next one.
     */
    private Outcome scheduled() {
        if (run.scheduledStartTime == null) {
            return fail("Unable to process scheduled milestone - no scheduled_start_time was provided!");
        }
        if (run.scheduledStartTime.isAfter(now)) {
            // Whole seconds: the wake-up time travels in a message and is compared with the stored one.
            LocalDateTime reEvaluate = now.plus(SCHEDULE_RE_EVALUATION).truncatedTo(ChronoUnit.SECONDS);
            LocalDateTime start = run.scheduledStartTime.truncatedTo(ChronoUnit.SECONDS);
            LocalDateTime until = start.isBefore(reEvaluate) ? start : reEvaluate;
            run.wakeAt = until;
            note(
                    true,
                    "Workflow is not scheduled to start until " + Timestamps.rfc1123(run.scheduledStartTime)
                            + "; next evaluation at " + Timestamps.rfc1123(until));
            return new Wait(until);
        }
        note(true, "Workflow is now scheduled to start");
        closeStep();
        return advance();
    }

    private long override(Long exchangeId, String kind) {
        if (exchangeId != null) {
            note(true, "The default " + kind + " exchange has been overridden: using exchange " + exchangeId);
            return exchangeId;
        }
        return surroundings.ownExchangeId();
    }

    private Outcome dispatch(String step, String queue, long exchange) {
        Dispatched to = new Dispatched(step, queue, exchange, surroundings.newDispatchId());
        run.running = to;
        return new Dispatch(to);
    }

    private void closeStep() {
        String step = run.currentStep;
        String duration = HumanDuration.between(run.stepStartedAt, now);
        run.stepDurations.put(step, duration);
        run.stepStartedAt = null;
        run.running = null;
        note(true, "Completed Workflow Milestone: " + colon(step) + ", in " + duration);
    }

    /** workflow_failed (§3.5). */
    private Outcome fail(String reason) {
        String step = run.currentStep;
        note(false, "Workflow Milestone Failed: " + colon(step) + ". Reason: " + reason);
        run.completed = true;
        run.error = true;
        run.failureReason = reason;
        run.workflowDuration = HumanDuration.between(run.startedAt, now);
        note(false, "Workflow has failed in " + run.workflowDuration);
        if (step != null) {
            String duration = HumanDuration.between(run.stepStartedAt, now);
            run.stepDurations.put(step, duration);
            note(true, "Completed Workflow Milestone: " + colon(step) + ", in " + duration);
        }
        run.stepStartedAt = null;
        run.running = null;
        run.wakeAt = null;
        return new Fail(reason);
    }

    private void note(boolean success, String message) {
        notes.add(new Note(success, message));
    }

    private static String colon(String step) {
        return ":" + step;
    }

    /**
     * What a workflow is waiting for, for people: {@code "build on builder of US-EAST-1 since <time>"}; empty
     * when it is not waiting (never executed, or completed).
     */
    public static Optional<String> waitingFor(WorkflowRun run, LongFunction<String> exchangeName) {
        if (run.completed) {
            return Optional.empty();
        }
        if (run.running != null) {
            Dispatched d = run.running;
            return Optional.of(d.step() + " on " + d.queue() + " of " + exchangeName.apply(d.exchangeId()) + " since "
                    + Timestamps.rfc1123(run.stepStartedAt));
        }
        if (run.wakeAt != null) {
            return Optional.of("scheduled start at " + Timestamps.rfc1123(run.scheduledStartTime)
                    + " (next evaluation at " + Timestamps.rfc1123(run.wakeAt) + ")");
        }
        if (run.currentStep == null && run.executionRequestedAt != null) {
            return Optional.of(
                    "the orchestrator to start it, requested " + Timestamps.rfc1123(run.executionRequestedAt));
        }
        return Optional.empty();
    }
}
