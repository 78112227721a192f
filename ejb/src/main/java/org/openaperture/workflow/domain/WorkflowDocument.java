package org.openaperture.workflow.domain;

import jakarta.json.JsonValue;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;

/**
 * A workflow as clients read it and as the orchestrator receives it: JSON columns decoded, timestamps in
 * RFC 1123.
 */
public record WorkflowDocument(
        String id,
        String deploymentRepo,
        String deploymentRepoGitRef,
        String sourceRepo,
        String sourceRepoGitRef,
        String sourceCommitHash,
        JsonValue milestones,
        String currentStep,
        String elapsedStepTime,
        String elapsedWorkflowTime,
        String workflowDuration,
        JsonValue workflowStepDurations,
        Boolean workflowError,
        Boolean workflowCompleted,
        JsonValue eventLog,
        String insertedAt,
        String updatedAt,
        String scheduledStartTime,
        JsonValue executeOptions) {

    public static WorkflowDocument of(Workflow w) {
        WorkflowFields f = w.fields();
        return new WorkflowDocument(
                w.id(),
                f.deploymentRepo(),
                f.deploymentRepoGitRef(),
                f.sourceRepo(),
                f.sourceRepoGitRef(),
                f.sourceCommitHash(),
                JsonText.read(f.milestonesJson()),
                f.currentStep(),
                f.elapsedStepTime(),
                f.elapsedWorkflowTime(),
                f.workflowDuration(),
                JsonText.read(f.workflowStepDurationsJson()),
                f.workflowError(),
                f.workflowCompleted(),
                JsonText.read(f.eventLogJson()),
                Timestamps.rfc1123(w.insertedAt()),
                Timestamps.rfc1123(w.updatedAt()),
                Timestamps.rfc1123(f.scheduledStartTime()),
                JsonText.read(f.executeOptionsJson()));
    }
}
