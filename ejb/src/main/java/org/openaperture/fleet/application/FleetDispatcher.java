package org.openaperture.fleet.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.messaging.rpc.application.RpcActionException;

/**
 * Runs the action a request body names on {@link FleetActions}, as the original {@code Dispatcher} and {@code
 * FleetActions.execute} did (components.md §6.3). A body that names no known action, or lacks the parameter an
 * action needs, is refused with the original's reason. The body's {@code etcd_token} names the cluster.
 */
public final class FleetDispatcher {

    public static final String INVALID_UNIT_NAME = "An invalid unit_name parameter was provided!";
    public static final String INVALID_NODES = "An invalid nodes parameter was provided: give a list of machine IPs";

    private FleetDispatcher() {}

    public static JsonValue run(FleetActions actions, JsonValue requestBody) {
        if (!(requestBody instanceof JsonObject body)) {
            throw new RpcActionException("a fleet request must be a JSON object with an action, was " + requestBody);
        }
        String name = body.get("action") instanceof JsonString s ? s.getString() : null;
        FleetAction action = FleetAction.of(name)
                .orElseThrow(() -> new RpcActionException("The following FleetManager action is not supported: "
                        + (name == null ? String.valueOf(body.get("action")) : name)));
        JsonObject parameters = body.get("action_parameters") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        String cluster =
                body.get("etcd_token") instanceof JsonString t && !t.getString().isBlank() ? t.getString() : null;
        return switch (action) {
            case LIST_MACHINES -> actions.listMachines(cluster);
            case LIST_UNITS -> actions.listUnits(cluster);
            case LIST_UNIT_STATES -> actions.listUnitStates(cluster);
            case UNIT_LOGS -> actions.unitLogs(cluster, unitName(parameters));
            case RESTART_UNIT -> actions.restartUnit(cluster, unitName(parameters));
            case NODE_INFO -> actions.nodeInfo(cluster, nodes(parameters));
        };
    }

    private static String unitName(JsonObject parameters) {
        if (parameters.get("unit_name") instanceof JsonString unit
                && !unit.getString().isBlank()) {
            return unit.getString();
        }
        throw new RpcActionException(INVALID_UNIT_NAME);
    }

    private static List<String> nodes(JsonObject parameters) {
        if (parameters.get("nodes") instanceof JsonArray nodes
                && !nodes.isEmpty()
                && nodes.stream().allMatch(n -> n instanceof JsonString)) {
            return nodes.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
        throw new RpcActionException(INVALID_NODES);
    }
}
