package org.openaperture.workflow.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.SealedSecret;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.TimestampedEntity;
import org.openaperture.common.domain.Timestamps;

/**
 * A build-and-deploy run of one application: where its code and deployment come from, its milestones and
 * how far it got. Identified by a UUID generated here.
 */
@Entity
@Table(name = "workflows")
@NamedQuery(
        name = Workflow.CONTEXT_NOT_SEALED_WITH,
        query = "SELECT w FROM Workflow w WHERE w.orchestrationContext IS NOT NULL AND"
                + " (w.orchestrationContextKeyname IS NULL OR w.orchestrationContextKeyname <> :keyId)")
public class Workflow extends TimestampedEntity {
    public static final String KIND = "Workflow";
    public static final String CONTEXT_NOT_SEALED_WITH = "Workflow.contextNotSealedWith";

    @Id
    private String id;

    @Column(name = "deployment_repo", length = 128)
    private String deploymentRepo;

    @Column(name = "deployment_repo_git_ref", length = 256)
    private String deploymentRepoGitRef;

    @Column(name = "source_repo", length = 128)
    private String sourceRepo;

    @Column(name = "source_repo_git_ref", length = 256)
    private String sourceRepoGitRef;

    @Column(name = "source_commit_hash", length = 256)
    private String sourceCommitHash;

    private String milestones;

    @Column(name = "current_step", length = 128)
    private String currentStep;

    @Column(name = "elapsed_step_time", length = 128)
    private String elapsedStepTime;

    @Column(name = "elapsed_workflow_time", length = 128)
    private String elapsedWorkflowTime;

    @Column(name = "workflow_duration", length = 128)
    private String workflowDuration;

    @Column(name = "workflow_step_durations")
    private String workflowStepDurations;

    @Column(name = "workflow_error")
    private Boolean workflowError;

    @Column(name = "workflow_completed")
    private Boolean workflowCompleted;

    @Column(name = "event_log")
    private String eventLog;

    @Column(name = "scheduled_start_time")
    private LocalDateTime scheduledStartTime;

    @Column(name = "execute_options")
    private String executeOptions;

    @Column(name = "execution_requested_at")
    private LocalDateTime executionRequestedAt;

    @Column(name = "workflow_started_at")
    private LocalDateTime workflowStartedAt;

    @Column(name = "step_started_at")
    private LocalDateTime stepStartedAt;

    @Column(name = "step_queue", length = 64)
    private String stepQueue;

    @Column(name = "step_exchange_id")
    private Long stepExchangeId;

    @Column(name = "step_dispatch_id", length = 36)
    private String stepDispatchId;

    @Column(name = "wake_at")
    private LocalDateTime wakeAt;

    @Column(name = "workflow_cancelled")
    private Boolean workflowCancelled;

    @Column(name = "failure_reason", length = 1024)
    private String failureReason;

    /** Sealed: the context may hold secrets ({@code aws_config}); null before the first orchestration message. */
    @Column(name = "orchestration_context")
    private String orchestrationContext;

    @Column(name = "orchestration_context_keyname")
    private String orchestrationContextKeyname;

    protected Workflow() {}

    public Workflow(WorkflowFields fields) {
        this.id = UUID.randomUUID().toString();
        change(fields);
    }

    public void change(WorkflowFields f) {
        deploymentRepo = f.deploymentRepo();
        deploymentRepoGitRef = f.deploymentRepoGitRef();
        sourceRepo = f.sourceRepo();
        sourceRepoGitRef = f.sourceRepoGitRef();
        sourceCommitHash = f.sourceCommitHash();
        milestones = f.milestonesJson();
        currentStep = f.currentStep();
        elapsedStepTime = f.elapsedStepTime();
        elapsedWorkflowTime = f.elapsedWorkflowTime();
        workflowDuration = f.workflowDuration();
        workflowStepDurations = f.workflowStepDurationsJson();
        workflowError = f.workflowError();
        workflowCompleted = f.workflowCompleted();
        eventLog = f.eventLogJson();
        scheduledStartTime = f.scheduledStartTime();
        executeOptions = f.executeOptionsJson();
    }

    public WorkflowFields fields() {
        return new WorkflowFields(
                deploymentRepo,
                deploymentRepoGitRef,
                sourceRepo,
                sourceRepoGitRef,
                sourceCommitHash,
                milestones,
                currentStep,
                elapsedStepTime,
                elapsedWorkflowTime,
                workflowDuration,
                workflowStepDurations,
                workflowError,
                workflowCompleted,
                eventLog,
                scheduledStartTime,
                executeOptions);
    }

    /**
     * A workflow runs once: not after it completed, not while (or after) a step ran, and not twice while
     * its first request waits for the orchestrator.
     */
    public void requireNotStarted() {
        if (Boolean.TRUE.equals(workflowCompleted)) {
            throw new StateConflictException("Workflow has already completed");
        }
        if (currentStep != null) {
            throw new StateConflictException("Workflow has already been started");
        }
        if (executionRequestedAt != null) {
            throw new StateConflictException("Workflow has already been executed at "
                    + Timestamps.rfc1123(executionRequestedAt) + "; the orchestrator has yet to start it");
        }
    }

    /**
     * Records the request to execute. Options given now are kept only when the workflow was created without
     * any.
     */
    public void executeWith(String optionsJson) {
        requireNotStarted();
        executionRequestedAt = Timestamps.nowUtc();
        if (executeOptions == null) {
            executeOptions = optionsJson;
        }
    }

    public String id() {
        return id;
    }

    /** How far the workflow got, for the orchestrator's state machine. */
    public WorkflowRun run() {
        JsonObject options = JsonText.read(executeOptions) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        WorkflowRun.Dispatched running = stepQueue == null || stepExchangeId == null
                ? null
                : new WorkflowRun.Dispatched(currentStep, stepQueue, stepExchangeId, stepDispatchId);
        return new WorkflowRun()
                .milestones(strings(JsonText.read(milestones)))
                .currentStep(currentStep)
                .completed(Boolean.TRUE.equals(workflowCompleted))
                .error(Boolean.TRUE.equals(workflowError))
                .cancelled(Boolean.TRUE.equals(workflowCancelled))
                .failureReason(failureReason)
                .executionRequestedAt(executionRequestedAt)
                .startedAt(workflowStartedAt)
                .stepStartedAt(stepStartedAt)
                .stepDurations(durations(JsonText.read(workflowStepDurations)))
                .workflowDuration(workflowDuration)
                .running(running)
                .wakeAt(wakeAt)
                .scheduledStartTime(scheduledStartTime)
                .buildExchangeId(exchangeId(options, "build_messaging_exchange_id"))
                .deployExchangeId(exchangeId(options, "deploy_messaging_exchange_id"));
    }

    /**
     * Records what the orchestrator decided: the new state, and {@code logEntries} appended to the event log.
     * Elapsed times are computed at {@code now}, as the original computed them when saving.
     */
    public void record(WorkflowRun run, List<String> logEntries, LocalDateTime now) {
        currentStep = run.currentStep();
        workflowCompleted = run.completed();
        workflowError = run.error();
        workflowCancelled = run.cancelled() ? Boolean.TRUE : null;
        failureReason = truncate(run.failureReason(), 1024);
        workflowStartedAt = run.startedAt();
        stepStartedAt = run.stepStartedAt();
        var durations = JSON.createObjectBuilder();
        run.orderedStepDurations().forEach(durations::add);
        workflowStepDurations = JsonText.write(durations.build());
        workflowDuration = run.workflowDuration();
        elapsedWorkflowTime = HumanDuration.between(run.startedAt(), now);
        elapsedStepTime = run.stepStartedAt() == null ? null : HumanDuration.between(run.stepStartedAt(), now);
        WorkflowRun.Dispatched running = run.running();
        stepQueue = running == null ? null : running.queue();
        stepExchangeId = running == null ? null : running.exchangeId();
        stepDispatchId = running == null ? null : running.dispatchId();
        wakeAt = run.wakeAt();
        appendToEventLog(logEntries);
    }

    public void appendToEventLog(List<String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JsonArrayBuilder log = JsonText.read(eventLog) instanceof JsonArray existing
                ? JSON.createArrayBuilder(existing)
                : JSON.createArrayBuilder();
        entries.forEach(log::add);
        eventLog = JsonText.write(log.build());
    }

    public List<String> eventLogEntries() {
        return strings(JsonText.read(eventLog));
    }

    /**
     * The transient fields of the last orchestration message (JSON object text), for the next dispatch, as
     * stored: sealed, since they may hold secrets. Null before the first orchestration message.
     */
    public SealedSecret orchestrationContext() {
        return orchestrationContext == null
                ? null
                : new SealedSecret(orchestrationContextKeyname, orchestrationContext);
    }

    public void orchestrationContext(SealedSecret sealed) {
        orchestrationContext = sealed.value();
        orchestrationContextKeyname = sealed.keyId();
    }

    private static List<String> strings(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream()
                .filter(JsonString.class::isInstance)
                .map(v -> ((JsonString) v).getString())
                .toList();
    }

    private static Map<String, String> durations(JsonValue value) {
        Map<String, String> durations = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.forEach((step, d) -> durations.put(step, d instanceof JsonString s ? s.getString() : d.toString()));
        }
        return durations;
    }

    private static Long exchangeId(JsonObject options, String field) {
        JsonValue value = options.get(field);
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof JsonString string && string.getString().matches("\\d+")) {
            return Long.parseLong(string.getString());
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public String executeOptionsJson() {
        return executeOptions;
    }
}
