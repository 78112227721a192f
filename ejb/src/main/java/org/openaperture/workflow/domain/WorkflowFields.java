package org.openaperture.workflow.domain;

import java.time.LocalDateTime;

/** Every field of a workflow a client or the orchestrator may set; JSON fields are JSON text. */
public record WorkflowFields(
        String deploymentRepo,
        String deploymentRepoGitRef,
        String sourceRepo,
        String sourceRepoGitRef,
        String sourceCommitHash,
        String milestonesJson,
        String currentStep,
        String elapsedStepTime,
        String elapsedWorkflowTime,
        String workflowDuration,
        String workflowStepDurationsJson,
        Boolean workflowError,
        Boolean workflowCompleted,
        String eventLogJson,
        LocalDateTime scheduledStartTime,
        String executeOptionsJson) {}
