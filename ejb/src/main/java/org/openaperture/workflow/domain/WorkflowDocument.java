package org.openaperture.workflow.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.WireJson;

/**
 * A workflow as clients read it and as the orchestrator receives it: JSON columns decoded, timestamps in
 * RFC 1123. {@code waiting_for} (what a running workflow waits for) is for clients only: messages carry
 * {@link #wire(Workflow)}, without it.
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
        JsonValue executeOptions,
        String waitingFor) {
    static final String WAITING_FOR = "waiting_for";

    public static WorkflowDocument of(Workflow w) {
        return of(w, null);
    }

    /** The workflow's fields as messages carry them (§1.7, persisted fields). */
    public static JsonObject wire(Workflow w) {
        JsonObjectBuilder fields = JSON.createObjectBuilder(WireJson.toObject(of(w)));
        fields.remove(WAITING_FOR);
        return fields.build();
    }

    public static WorkflowDocument of(Workflow w, String waitingFor) {
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
                JsonText.read(f.executeOptionsJson()),
                waitingFor);
    }
}
