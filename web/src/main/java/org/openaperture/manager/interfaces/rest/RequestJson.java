package org.openaperture.manager.interfaces.rest;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The request bodies of RPC requests, system components, refs and events, and workflows, with their
 * constraints. Kept apart from the resources: Payara's OpenAPI scanner fails on constraints of records it
 * scans, so it scans the resources only (see {@code microprofile-config.properties}).
 */
public final class RequestJson {

    private RequestJson() {}

    /** Other fields a client may send ({@code id}, {@code queue_name}) are ignored, as the original did. */
    public record RpcRequestBody(
            @NotBlank @Size(max = 255) String status, JsonValue requestBody, JsonValue responseBody) {}

    /** A complete component, on create and on update alike. */
    public record SystemComponentBody(
            @NotNull @Positive Long messagingExchangeId,
            @NotBlank @Size(max = 255) String type,
            @Size(max = 128) String sourceRepo,
            @Size(max = 256) String sourceRepoGitRef,
            @NotBlank @Size(max = 128) String deploymentRepo,
            @NotBlank @Size(max = 256) String deploymentRepoGitRef,
            @NotBlank @Size(max = 255) String upgradeStrategy,
            @Size(max = 255) String status,
            JsonValue upgradeStatus) {}

    public record RefCreateBody(
            @NotBlank @Size(max = 255) String type,
            @NotBlank @Size(max = 128) String sourceRepo,
            @NotBlank @Size(max = 256) String sourceRepoGitRef,
            @NotNull Boolean autoUpgradeEnabled) {}

    /** The type is the key and cannot change. */
    public record RefUpdateBody(
            @NotBlank @Size(max = 128) String sourceRepo,
            @NotBlank @Size(max = 256) String sourceRepoGitRef,
            @NotNull Boolean autoUpgradeEnabled) {}

    /** With {@code unique: true}, an event that repeats one of the last hour is refused (409). */
    public record EventBody(
            @NotBlank @Size(max = 255) String type,
            @NotBlank @Size(max = 255) String severity,
            String message,
            JsonValue data,
            Boolean unique) {}

    public record AssignBody(@Positive Long assigneeId) {}

    public record DismissBody(@Positive Long dismissedById, String dismissedReason) {}

    public record WorkflowBody(
            @Size(max = 128) String deploymentRepo,
            @Size(max = 256) String deploymentRepoGitRef,
            @Size(max = 128) String sourceRepo,
            @Size(max = 256) String sourceRepoGitRef,
            @Size(max = 256) String sourceCommitHash,
            JsonValue milestones,
            @Size(max = 128) String currentStep,
            @Size(max = 128) String elapsedStepTime,
            @Size(max = 128) String elapsedWorkflowTime,
            @Size(max = 128) String workflowDuration,
            JsonValue workflowStepDurations,
            Boolean workflowError,
            Boolean workflowCompleted,
            JsonValue eventLog,
            String scheduledStartTime,
            JsonValue executeOptions) {}

    public record ExecuteBody(
            Boolean forceBuild, @Positive Long buildMessagingExchangeId, @Positive Long deployMessagingExchangeId) {}
}
