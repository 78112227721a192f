package org.openaperture.workflow.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.TimestampedEntity;
import org.openaperture.common.domain.Timestamps;

/**
 * A build-and-deploy run of one application: where its code and deployment come from, its milestones and
 * how far it got. Identified by a UUID generated here.
 */
@Entity
@Table(name = "workflows")
public class Workflow extends TimestampedEntity {
    public static final String KIND = "Workflow";

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

    public String executeOptionsJson() {
        return executeOptions;
    }
}
