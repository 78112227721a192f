package org.openaperture.worker.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Objects;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * A message on a worker's queue ({@code builder}, {@code deployer}, {@code deploy_oa}): a milestone request (the
 * orchestration envelope of components.md §1.7, {@code current_step} the milestone) or the orchestrator's
 * {@code {"action":"cancel"}} for a workflow whose step it no longer wants. The whole envelope is kept: the
 * callback echoes it (§1.8).
 */
public record MilestoneRequest(String workflowId, String step, boolean cancel, JsonObject envelope) {

    /** A message the worker cannot act on; the consumer lets the adapter dead-letter it. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    public MilestoneRequest {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(envelope, "envelope");
    }

    public static MilestoneRequest parse(String text) {
        JsonObject body;
        try (var reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            body = reader.readObject();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw new Invalid("milestone request is not a JSON object: " + e.getMessage());
        }
        String id = string(body, "id");
        if (id == null || id.isBlank()) {
            id = string(body, "workflow_id");
        }
        if (id == null || id.isBlank()) {
            throw new Invalid("milestone request names no workflow (no id or workflow_id)");
        }
        boolean cancel = "cancel".equals(string(body, "action"));
        return new MilestoneRequest(id.strip(), string(body, "current_step"), cancel, body);
    }

    public String deploymentRepo() {
        return string(envelope, "deployment_repo");
    }

    /** The deployment repo's ref, {@code master} when the workflow names none (§4.2). */
    public String deploymentRepoRef() {
        return orElse(string(envelope, "deployment_repo_git_ref"), "master");
    }

    public String sourceRepo() {
        return string(envelope, "source_repo");
    }

    public String sourceRepoRef() {
        return string(envelope, "source_repo_git_ref");
    }

    public boolean forceBuild() {
        JsonValue v = envelope.get("force_build");
        if (v == null && envelope.get("execute_options") instanceof JsonObject options) {
            v = options.get("force_build");
        }
        return v == JsonValue.TRUE || (v instanceof JsonString s && "true".equalsIgnoreCase(s.getString()));
    }

    /** Where the callback goes: {@code orchestration_queue_name} of {@code workflow_orchestration_exchange_id}. */
    public Long orchestrationExchangeId() {
        return number(envelope, "workflow_orchestration_exchange_id");
    }

    public String orchestrationQueue() {
        return orElse(string(envelope, "orchestration_queue_name"), QueueNames.WORKFLOW_ORCHESTRATION);
    }

    /** Where chat notifications go (§1.8). */
    public Long notificationsExchangeId() {
        return number(envelope, "notifications_exchange_id");
    }

    /** Where build log lines go for now: the request's notifications exchange, else the orchestrator's. */
    public Long buildLogExchangeId() {
        Long id = notificationsExchangeId();
        return id != null ? id : orchestrationExchangeId();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A text field of the envelope (a number or boolean as its JSON text), or null. */
    public String field(String name) {
        return string(envelope, name);
    }

    static String string(JsonObject body, String field) {
        JsonValue v = body.get(field);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.toString();
    }

    private static Long number(JsonObject body, String field) {
        JsonValue v = body.get(field);
        if (v instanceof JsonNumber n) {
            return n.longValue();
        }
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            try {
                return Long.parseLong(s.getString().strip());
            } catch (NumberFormatException e) {
                throw new Invalid(field + " must be an exchange id, not " + s.getString());
            }
        }
        return null;
    }
}
