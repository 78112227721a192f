package org.openaperture.fleet.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.messaging.application.RpcActionException;

/**
 * Runs the action a request body names on {@link FleetActions}, as the original {@code Dispatcher} did. A
 * body that names no known action, or lacks the parameter an action needs, is refused with the reason.
 */
public final class FleetDispatcher {

    private FleetDispatcher() {}

    public static JsonValue run(FleetActions actions, JsonValue requestBody) {
        if (!(requestBody instanceof JsonObject body)) {
            throw new RpcActionException("a fleet request must be a JSON object with an action, was " + requestBody);
        }
        String name = body.get("action") instanceof JsonString s ? s.getString() : null;
        FleetAction action = FleetAction.of(name)
                .orElseThrow(() -> new RpcActionException("unknown fleet action "
                        + (name == null ? String.valueOf(body.get("action")) : "'" + name + "'")
                        + "; known: list_machines, list_units, list_unit_states, unit_logs, restart_unit,"
                        + " node_info"));
        JsonObject parameters = body.get("action_parameters") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
        return switch (action) {
            case LIST_MACHINES -> actions.listMachines();
            case LIST_UNITS -> actions.listUnits();
            case LIST_UNIT_STATES -> actions.listUnitStates();
            case UNIT_LOGS -> actions.unitLogs(unitName(action, parameters));
            case RESTART_UNIT -> actions.restartUnit(unitName(action, parameters));
            case NODE_INFO -> actions.nodeInfo(nodes(parameters));
        };
    }

    private static String unitName(FleetAction action, JsonObject parameters) {
        if (parameters.get("unit_name") instanceof JsonString unit
                && !unit.getString().isBlank()) {
            return unit.getString();
        }
        throw new RpcActionException(action.wire() + " needs action_parameters.unit_name");
    }

    private static List<String> nodes(JsonObject parameters) {
        if (parameters.get("nodes") instanceof JsonArray nodes
                && nodes.stream().allMatch(n -> n instanceof JsonString)) {
            return nodes.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
        throw new RpcActionException("node_info needs action_parameters.nodes, a list of machine IPs");
    }
}
