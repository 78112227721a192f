package org.openaperture.workflow.domain;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a workflow got, as the orchestrator's state machine sees it: plain values, no persistence. The
 * application service copies it out of a {@link Workflow} and back.
 */
public final class WorkflowRun {
    /** The step a milestone was handed to: which component of which exchange, under which dispatch id. */
    public record Dispatched(String step, String queue, long exchangeId, String dispatchId) {}

    List<String> milestones = new ArrayList<>();
    String currentStep;
    boolean completed;
    boolean error;
    boolean cancelled;
    String failureReason;
    LocalDateTime executionRequestedAt;
    LocalDateTime startedAt;
    LocalDateTime stepStartedAt;
    Map<String, String> stepDurations = new LinkedHashMap<>();
    String workflowDuration;
    Dispatched running;
    LocalDateTime wakeAt;
    LocalDateTime scheduledStartTime;
    Long buildExchangeId;
    Long deployExchangeId;

    public WorkflowRun() {}

    /** A copy, so that a transition never changes the state it started from. */
    public WorkflowRun copy() {
        WorkflowRun c = new WorkflowRun();
        c.milestones = new ArrayList<>(milestones);
        c.currentStep = currentStep;
        c.completed = completed;
        c.error = error;
        c.cancelled = cancelled;
        c.failureReason = failureReason;
        c.executionRequestedAt = executionRequestedAt;
        c.startedAt = startedAt;
        c.stepStartedAt = stepStartedAt;
        c.stepDurations = new LinkedHashMap<>(stepDurations);
        c.workflowDuration = workflowDuration;
        c.running = running;
        c.wakeAt = wakeAt;
        c.scheduledStartTime = scheduledStartTime;
        c.buildExchangeId = buildExchangeId;
        c.deployExchangeId = deployExchangeId;
        return c;
    }

    public WorkflowRun milestones(List<String> value) {
        milestones = value == null ? new ArrayList<>() : new ArrayList<>(value);
        return this;
    }

    public WorkflowRun currentStep(String value) {
        currentStep = value;
        return this;
    }

    public WorkflowRun completed(boolean value) {
        completed = value;
        return this;
    }

    public WorkflowRun error(boolean value) {
        error = value;
        return this;
    }

    public WorkflowRun cancelled(boolean value) {
        cancelled = value;
        return this;
    }

    public WorkflowRun failureReason(String value) {
        failureReason = value;
        return this;
    }

    public WorkflowRun executionRequestedAt(LocalDateTime value) {
        executionRequestedAt = value;
        return this;
    }

    public WorkflowRun startedAt(LocalDateTime value) {
        startedAt = value;
        return this;
    }

    public WorkflowRun stepStartedAt(LocalDateTime value) {
        stepStartedAt = value;
        return this;
    }

    public WorkflowRun stepDurations(Map<String, String> value) {
        stepDurations = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
        return this;
    }

    public WorkflowRun workflowDuration(String value) {
        workflowDuration = value;
        return this;
    }

    public WorkflowRun running(Dispatched value) {
        running = value;
        return this;
    }

    public WorkflowRun wakeAt(LocalDateTime value) {
        wakeAt = value;
        return this;
    }

    public WorkflowRun scheduledStartTime(LocalDateTime value) {
        scheduledStartTime = value;
        return this;
    }

    public WorkflowRun buildExchangeId(Long value) {
        buildExchangeId = value;
        return this;
    }

    public WorkflowRun deployExchangeId(Long value) {
        deployExchangeId = value;
        return this;
    }

    public List<String> milestones() {
        return List.copyOf(milestones);
    }

    public String currentStep() {
        return currentStep;
    }

    public boolean completed() {
        return completed;
    }

    public boolean error() {
        return error;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Failed: completed with an error, and not because an operator cancelled it. */
    public boolean failed() {
        return completed && error && !cancelled;
    }

    /** Running: asked to execute (or started) and not completed. */
    public boolean isRunning() {
        return !completed && (currentStep != null || executionRequestedAt != null);
    }

    public String failureReason() {
        return failureReason;
    }

    public LocalDateTime executionRequestedAt() {
        return executionRequestedAt;
    }

    public LocalDateTime startedAt() {
        return startedAt;
    }

    public LocalDateTime stepStartedAt() {
        return stepStartedAt;
    }

    public Map<String, String> stepDurations() {
        return Map.copyOf(stepDurations);
    }

    /** Step durations in the order the steps ran. */
    public Map<String, String> orderedStepDurations() {
        return new LinkedHashMap<>(stepDurations);
    }

    public String workflowDuration() {
        return workflowDuration;
    }

    public Dispatched running() {
        return running;
    }

    public LocalDateTime wakeAt() {
        return wakeAt;
    }

    public LocalDateTime scheduledStartTime() {
        return scheduledStartTime;
    }

    public Long buildExchangeId() {
        return buildExchangeId;
    }

    public Long deployExchangeId() {
        return deployExchangeId;
    }
}
