package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.fleet.application.FleetManagerClient;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.fleet.domain.FleetRequest;

/**
 * The fleet of an exchange as its FleetManager answers over RPC (components.md §6.1): what the Overseer
 * uses when this node does not run the fleet_manager component itself. Not a bean: the
 * {@link FleetActions} of the container stay those of this node's own fleet. The exchange names the fleet, so
 * {@code cluster} is not sent.
 */
final class RpcFleetActions implements FleetActions {
    private final FleetManagerClient client;
    private final long exchangeId;

    RpcFleetActions(FleetManagerClient client, long exchangeId) {
        this.client = client;
        this.exchangeId = exchangeId;
    }

    @Override
    public JsonValue listMachines(String cluster) {
        return client.request(exchangeId, FleetRequest.of(FleetAction.LIST_MACHINES));
    }

    @Override
    public JsonValue listUnits(String cluster) {
        return client.request(exchangeId, FleetRequest.of(FleetAction.LIST_UNITS));
    }

    @Override
    public JsonValue listUnitStates(String cluster) {
        return client.request(exchangeId, FleetRequest.of(FleetAction.LIST_UNIT_STATES));
    }

    @Override
    public JsonValue unitLogs(String cluster, String unitName) {
        return unitRequest(FleetAction.UNIT_LOGS, unitName);
    }

    @Override
    public JsonValue restartUnit(String cluster, String unitName) {
        return unitRequest(FleetAction.RESTART_UNIT, unitName);
    }

    @Override
    public JsonValue nodeInfo(String cluster, List<String> nodes) {
        JsonArrayBuilder ips = JSON.createArrayBuilder();
        nodes.forEach(ips::add);
        return client.request(
                exchangeId,
                new FleetRequest(
                        FleetAction.NODE_INFO,
                        JSON.createObjectBuilder().add("nodes", ips).build()));
    }

    private JsonValue unitRequest(FleetAction action, String unitName) {
        return client.request(
                exchangeId,
                new FleetRequest(
                        action,
                        JSON.createObjectBuilder().add("unit_name", unitName).build()));
    }
}
