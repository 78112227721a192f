package org.openaperture.buildlog.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import org.openaperture.common.domain.InvalidRequestException;

/**
 * Lines of a workflow's build log, as a Builder publishes them to {@code build_logs} (messaging.md §8):
 * {@code {"workflow_id": "<uuid>", "logs": ["<line>", ...]}}.
 */
public record BuildLog(String workflowId, List<String> logs) {

    public BuildLog {
        Objects.requireNonNull(workflowId, "workflowId");
        logs = List.copyOf(logs);
    }

    /** The topic people watch a workflow's log under, {@code build_log:<workflow_id>} as in the original. */
    public String topic() {
        return topicOf(workflowId);
    }

    public static String topicOf(String workflowId) {
        return "build_log:" + workflowId;
    }

    /** {@code ["<line>", ...]} */
    public JsonArray logsJson() {
        JsonArrayBuilder lines = JSON.createArrayBuilder();
        logs.forEach(lines::add);
        return lines.build();
    }

    /**
     * Reads a build-log message. {@code logs} may be one line instead of a list; a line that is not a string
     * is kept as its JSON text. A message without a workflow or lines is refused with what is missing, so it
     * is retried and then dead-lettered rather than lost.
     */
    public static BuildLog parse(String text) {
        JsonObject json;
        try (var reader = JSON.createReader(new StringReader(text == null ? "" : text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequestException(null, "a build log must be a JSON object: " + e.getMessage());
        }
        if (!(json.get("workflow_id") instanceof JsonString workflow)
                || workflow.getString().isBlank()) {
            throw new InvalidRequestException("workflow_id", "a build log must name its workflow_id");
        }
        JsonValue logs = json.get("logs");
        if (logs instanceof JsonString line) {
            return new BuildLog(workflow.getString(), List.of(line.getString()));
        }
        if (!(logs instanceof JsonArray lines)) {
            throw new InvalidRequestException("logs", "a build log must carry its lines in logs, a list of strings");
        }
        return new BuildLog(
                workflow.getString(),
                lines.stream()
                        .map(l -> l instanceof JsonString s ? s.getString() : l.toString())
                        .toList());
    }
}
