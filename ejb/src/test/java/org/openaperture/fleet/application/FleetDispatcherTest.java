package org.openaperture.fleet.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.fleet.domain.FleetRequest;
import org.openaperture.fleet.infrastructure.SimulatedFleetActions;
import org.openaperture.messaging.application.RpcActionException;

/** The actions of the original FleetManager, dispatched from request bodies to the simulated fleet. */
class FleetDispatcherTest {
    final FleetActions fleet = new SimulatedFleetActions("US-EAST-1");

    JsonValue run(String body) {
        return FleetDispatcher.run(
                fleet, Json.createReader(new StringReader(body)).readValue());
    }

    @Test
    @DisplayName("list_machines: two machines with id, primaryIP and metadata naming the exchange")
    void listMachines() {
        JsonArray machines = run("{\"action\":\"list_machines\"}").asJsonArray();

        assertEquals(2, machines.size());
        JsonObject first = machines.getJsonObject(0);
        assertEquals("simulated-machine-1", first.getString("id"));
        assertEquals("10.0.0.1", first.getString("primaryIP"));
        assertEquals("US-EAST-1", first.getJsonObject("metadata").getString("exchange"));
    }

    @Test
    @DisplayName("the same request always gets the same answer")
    void deterministic() {
        for (FleetAction action :
                new FleetAction[] {FleetAction.LIST_MACHINES, FleetAction.LIST_UNITS, FleetAction.LIST_UNIT_STATES}) {
            JsonValue body = FleetRequest.of(action).toJson();
            assertEquals(
                    FleetDispatcher.run(fleet, body),
                    FleetDispatcher.run(new SimulatedFleetActions("US-EAST-1"), body));
        }
    }

    @Test
    @DisplayName("list_units and list_unit_states: one unit per machine")
    void units() {
        assertEquals(
                "simulated-app@1.service",
                run("{\"action\":\"list_units\"}")
                        .asJsonArray()
                        .getJsonObject(0)
                        .getString("name"));
        assertEquals(
                "running",
                run("{\"action\":\"list_unit_states\"}")
                        .asJsonArray()
                        .getJsonObject(1)
                        .getString("systemdSubState"));
    }

    @Test
    @DisplayName("unit_logs and restart_unit take action_parameters.unit_name; an unknown unit is refused")
    void unitActions() {
        assertEquals(
                2,
                run("{\"action\":\"unit_logs\",\"action_parameters\":{\"unit_name\":\"simulated-app@2.service\"}}")
                        .asJsonArray()
                        .size());
        assertEquals(
                JsonValue.TRUE,
                run("{\"action\":\"restart_unit\",\"action_parameters\":{\"unit_name\":\"simulated-app@1.service\"}}")
                        .asJsonObject()
                        .get("restarted"));
        assertEquals(
                "unit other.service does not run in this fleet",
                assertThrows(
                                RpcActionException.class,
                                () -> run("{\"action\":\"restart_unit\",\"action_parameters\":{\"unit_name\":"
                                        + "\"other.service\"}}"))
                        .getMessage());
        assertEquals(
                "unit_logs needs action_parameters.unit_name",
                assertThrows(RpcActionException.class, () -> run("{\"action\":\"unit_logs\"}"))
                        .getMessage());
    }

    @Test
    @DisplayName("node_info: facts per IP; an IP of no machine is refused")
    void nodeInfo() {
        JsonObject info = run("{\"action\":\"node_info\",\"action_parameters\":{\"nodes\":[\"10.0.0.2\"]}}")
                .asJsonObject();

        assertEquals("simulated-machine-2", info.getJsonObject("10.0.0.2").getString("machine_id"));
        assertThrows(
                RpcActionException.class,
                () -> run("{\"action\":\"node_info\",\"action_parameters\":{\"nodes\":[\"192.0.2.1\"]}}"));
        assertThrows(RpcActionException.class, () -> run("{\"action\":\"node_info\"}"));
    }

    @Test
    @DisplayName("an unknown action is refused with the actions there are")
    void unknownAction() {
        assertEquals(
                "unknown fleet action 'dance'; known: list_machines, list_units, list_unit_states, unit_logs,"
                        + " restart_unit, node_info",
                assertThrows(RpcActionException.class, () -> run("{\"action\":\"dance\"}"))
                        .getMessage());
        assertThrows(RpcActionException.class, () -> run("{}"));
        assertThrows(RpcActionException.class, () -> run("[\"list_machines\"]"));
    }

    @Test
    void aRequestBodyNamesItsActionAndParameters() {
        assertEquals(
                "{\"action\":\"list_machines\"}",
                FleetRequest.of(FleetAction.LIST_MACHINES).toJson().toString());
        assertEquals(
                "{\"action\":\"unit_logs\",\"action_parameters\":{\"unit_name\":\"a\"}}",
                new FleetRequest(
                                FleetAction.UNIT_LOGS,
                                Json.createObjectBuilder().add("unit_name", "a").build())
                        .toJson()
                        .toString());
    }
}
