package org.openaperture.workflow.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.ApplicationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.openaperture.workflow.domain.WorkflowStateMachine.Event;
import org.openaperture.workflow.domain.WorkflowStateMachine.Execute;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepCompleted;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepFailed;
import org.openaperture.workflow.domain.WorkflowStateMachine.Wake;

/**
 * A message on the {@code workflow_orchestration} queue, read into the event it stands for. The body is the
 * orchestration request envelope (components.md §1.7): the Manager's execute request, a worker's callback
 * (the envelope echoed back, §1.8), or the orchestrator's own wake-up of a scheduled workflow.
 *
 * <p>Which one it is: {@code orchestration_event} ({@code execute}, {@code step_completed},
 * {@code step_failed}, {@code wake}) when present; else as the original told them apart: no
 * {@code current_step} is an execute request, {@code workflow_error: true} a failed step, anything else a
 * completed step.
 */
record OrchestrationMessage(String workflowId, Event event, JsonObject body) {
    static final String EVENT = "orchestration_event";
    static final String DISPATCH_ID = "orchestration_dispatch_id";
    static final String WAKE_AT = "wake_at";
    static final String FAILURE_REASON = "failure_reason";

    /**
     * A message that cannot be understood; {@code workflowId} when it named a workflow all the same. An
     * application exception, so it reaches the consumer as it is (and the transaction rolls back).
     */
    @ApplicationException(rollback = true)
    static final class NotUnderstood extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String workflowId;

        NotUnderstood(String workflowId, String message) {
            super(message);
            this.workflowId = workflowId;
        }

        String workflowId() {
            return workflowId;
        }
    }

    static OrchestrationMessage parse(String text) {
        JsonObject body;
        try (var reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            body = reader.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException | ClassCastException e) {
            throw new NotUnderstood(null, "orchestration message is not a JSON object: " + e.getMessage());
        }
        String id = workflowId(body);
        try {
            return new OrchestrationMessage(id, event(body), body);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new NotUnderstood(
                    id, "orchestration message for workflow " + id + " is not understood: " + e.getMessage());
        }
    }

    private static String workflowId(JsonObject body) {
        String id;
        try {
            id = string(body, "id");
            if (id == null) {
                id = string(body, "workflow_id");
            }
        } catch (IllegalArgumentException e) {
            throw new NotUnderstood(null, "orchestration message names no workflow: " + e.getMessage());
        }
        if (id == null || id.isBlank()) {
            throw new NotUnderstood(null, "orchestration message names no workflow (no id)");
        }
        try {
            return UUID.fromString(id.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new NotUnderstood(null, "orchestration message names no workflow: id " + id + " is not a UUID");
        }
    }

    private static Event event(JsonObject body) {
        String step = string(body, "current_step");
        String dispatchId = string(body, DISPATCH_ID);
        String kind = string(body, EVENT);
        if (kind == null) {
            if (step == null || step.isBlank()) {
                kind = "execute";
            } else {
                kind = body.getBoolean("workflow_error", false) ? "step_failed" : "step_completed";
            }
        }
        return switch (kind) {
            case "execute" -> new Execute();
            case "step_completed" -> new StepCompleted(required(step, "current_step"), dispatchId);
            case "step_failed" ->
                new StepFailed(required(step, "current_step"), dispatchId, string(body, FAILURE_REASON));
            case "wake" -> new Wake(LocalDateTime.parse(required(string(body, WAKE_AT), WAKE_AT)));
            default ->
                throw new IllegalArgumentException(
                        EVENT + " must be execute, step_completed, step_failed or" + " wake, not " + kind);
        };
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("it has no " + field);
        }
        return value;
    }

    private static String string(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(field + " must be a string, not " + value);
    }
}
