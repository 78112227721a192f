package org.openaperture.fleet.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * The body of an RPC request to a FleetManager (messaging.md §6.1): {@code {"action": "<action>",
 * "action_parameters": {...}}}, e.g. {@code {"unit_name": "app@1.service"}} or {@code {"nodes": ["10.0.0.1"]}}.
 * The etcd token of the original is gone with etcd.
 */
public record FleetRequest(FleetAction action, JsonObject actionParameters) {

    public FleetRequest {
        Objects.requireNonNull(action, "action");
        actionParameters = actionParameters == null ? JsonValue.EMPTY_JSON_OBJECT : actionParameters;
    }

    public static FleetRequest of(FleetAction action) {
        return new FleetRequest(action, JsonValue.EMPTY_JSON_OBJECT);
    }

    public JsonObject toJson() {
        var json = JSON.createObjectBuilder().add("action", action.wire());
        if (!actionParameters.isEmpty()) {
            json.add("action_parameters", actionParameters);
        }
        return json.build();
    }
}
