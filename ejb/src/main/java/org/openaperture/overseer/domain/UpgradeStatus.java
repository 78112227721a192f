package org.openaperture.overseer.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/**
 * A component's {@code upgrade_status} while an upgrade runs (components.md §8.4 step 5): the upgrade's
 * workflows in order, the one running now, when it started (RFC 1123), why it failed, and the source and
 * deployment the component runs once it succeeds.
 */
public record UpgradeStatus(
        List<String> workflows,
        String currentWorkflow,
        String upgradeStartTime,
        String failureReason,
        String targetSourceRepo,
        String targetSourceRepoGitRef,
        String targetDeploymentRepo,
        String targetDeploymentRepoGitRef) {

    public UpgradeStatus {
        workflows = workflows == null ? List.of() : List.copyOf(workflows);
    }

    public UpgradeStatus withCurrentWorkflow(String id) {
        return new UpgradeStatus(
                workflows,
                id,
                upgradeStartTime,
                failureReason,
                targetSourceRepo,
                targetSourceRepoGitRef,
                targetDeploymentRepo,
                targetDeploymentRepoGitRef);
    }

    public UpgradeStatus withFailureReason(String reason) {
        return new UpgradeStatus(
                workflows,
                currentWorkflow,
                upgradeStartTime,
                reason,
                targetSourceRepo,
                targetSourceRepoGitRef,
                targetDeploymentRepo,
                targetDeploymentRepoGitRef);
    }

    /** Only a failure reason: what an upgrade that never started records. */
    public static UpgradeStatus failure(String reason) {
        return new UpgradeStatus(List.of(), null, null, reason, null, null, null, null);
    }

    public JsonObject toJson() {
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        workflows.forEach(ids::add);
        JsonObjectBuilder json = JSON.createObjectBuilder().add("workflows", ids);
        add(json, "current_workflow", currentWorkflow);
        add(json, "upgrade_start_time", upgradeStartTime);
        add(json, "failure_reason", failureReason);
        add(json, "target_source_repo", targetSourceRepo);
        add(json, "target_source_repo_git_ref", targetSourceRepoGitRef);
        add(json, "target_deployment_repo", targetDeploymentRepo);
        add(json, "target_deployment_repo_git_ref", targetDeploymentRepoGitRef);
        return json.build();
    }

    /** Reads the stored JSON text; anything that is not an object (or nothing) is an empty status. */
    public static UpgradeStatus parse(String json) {
        JsonObject o;
        try {
            o = json == null || json.isBlank()
                    ? JsonValue.EMPTY_JSON_OBJECT
                    : JSON.createReader(new StringReader(json)).readValue() instanceof JsonObject read
                            ? read
                            : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException unreadable) {
            o = JsonValue.EMPTY_JSON_OBJECT;
        }
        List<String> ids = o.get("workflows") instanceof jakarta.json.JsonArray array
                ? array.stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString())
                        .toList()
                : List.of();
        return new UpgradeStatus(
                ids,
                string(o, "current_workflow"),
                string(o, "upgrade_start_time"),
                string(o, "failure_reason"),
                string(o, "target_source_repo"),
                string(o, "target_source_repo_git_ref"),
                string(o, "target_deployment_repo"),
                string(o, "target_deployment_repo_git_ref"));
    }

    private static void add(JsonObjectBuilder json, String field, String value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
