package org.openaperture.fleet.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.DeployableUnit;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitOption;
import org.openaperture.deployer.infrastructure.DeployTargetFleetActions;
import org.openaperture.deployer.infrastructure.SimulatedTarget;
import org.openaperture.fleet.domain.FleetAction;
import org.openaperture.fleet.domain.FleetRequest;
import org.openaperture.messaging.rpc.application.RpcActionException;

/**
 * components.md §10.4 FleetActions.execute and the action cases that still apply, dispatched from request bodies
 * to the simulated deploy target through {@link DeployTargetFleetActions}.
 */
class FleetDispatcherTest {
    final SimulatedTarget target = new SimulatedTarget(Map.of("exchange", "US-EAST-1"));
    final FleetActions fleet = new DeployTargetFleetActions(target);

    JsonValue run(String body) {
        return FleetDispatcher.run(
                fleet, Json.createReader(new StringReader(body)).readValue());
    }

    void launchTwo() {
        DeployableUnit app = new DeployableUnit("app@.service", List.of(new UnitOption("Service", "ExecStart", "x")));
        target.launch("tok", new UnitInstance(app, 0, 0));
        target.launch("tok", new UnitInstance(app, 1, 0));
    }

    @Test
    @DisplayName("ListMachines: success → [{id, primaryIP, metadata}] naming the exchange")
    void listMachinesSuccess() {
        JsonArray machines =
                run("{\"action\":\"list_machines\",\"etcd_token\":\"tok\"}").asJsonArray();

        assertEquals(2, machines.size());
        JsonObject first = machines.getJsonObject(0);
        assertEquals("simulated-machine-1", first.getString("id"));
        assertEquals("10.0.0.1", first.getString("primaryIP"));
        assertEquals("US-EAST-1", first.getJsonObject("metadata").getString("exchange"));
    }

    @Test
    @DisplayName("ListUnits / ListUnitStates: success → a list of plain maps")
    void listUnitsAndStatesSuccess() {
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, run("{\"action\":\"list_units\"}"), "[] is passed through");
        launchTwo();
        JsonObject unit = run("{\"action\":\"list_units\"}").asJsonArray().getJsonObject(1);
        assertEquals("app@1.service", unit.getString("name"));
        assertEquals("simulated-machine-2", unit.getString("machineID"));
        assertEquals("launched", unit.getString("desiredState"));
        assertEquals("launched", unit.getString("currentState"));

        JsonObject state =
                run("{\"action\":\"list_unit_states\"}").asJsonArray().getJsonObject(0);
        assertEquals("app@0.service", state.getString("name"));
        assertEquals(40, state.getString("hash").length());
        assertEquals("loaded", state.getString("systemdLoadState"));
        assertTrue(state.containsKey("systemdActiveState") && state.containsKey("systemdSubState"));
    }

    @Test
    @DisplayName("list_machines and list_units always give the same answer")
    void deterministic() {
        for (FleetAction action : new FleetAction[] {FleetAction.LIST_MACHINES, FleetAction.LIST_UNITS}) {
            JsonValue body = FleetRequest.of(action).toJson();
            assertEquals(
                    FleetDispatcher.run(fleet, body),
                    FleetDispatcher.run(
                            new DeployTargetFleetActions(new SimulatedTarget(Map.of("exchange", "US-EAST-1"))), body));
        }
    }

    @Test
    @DisplayName("UnitLogs: missing or empty unit_name → exactly \"An invalid unit_name parameter was provided!\"")
    void unitLogsInvalidUnitName() {
        for (String body : new String[] {
            "{\"action\":\"unit_logs\"}", "{\"action\":\"unit_logs\",\"action_parameters\":{\"unit_name\":\"\"}}"
        }) {
            assertEquals(
                    "An invalid unit_name parameter was provided!",
                    assertThrows(RpcActionException.class, () -> run(body)).getMessage());
        }
    }

    @Test
    @DisplayName("UnitLogs: get_unit fails → error; journal ok → ok")
    void unitLogs() {
        assertEquals(
                "unit app@0.service does not run in this cluster",
                assertThrows(
                                RpcActionException.class,
                                () -> run("{\"action\":\"unit_logs\",\"action_parameters\":{\"unit_name\":"
                                        + "\"app@0.service\"}}"))
                        .getMessage());
        launchTwo();
        String logs = ((JsonString)
                        run("{\"action\":\"unit_logs\",\"action_parameters\":{\"unit_name\":\"app@1.service\"}}"))
                .getString();
        assertTrue(logs.startsWith("app@1.service started on simulated-machine-2"), logs);
    }

    @Test
    @DisplayName("RestartUnit: no unit_name → error; restart ok → the restart's text")
    void restartUnit() {
        assertEquals(
                FleetDispatcher.INVALID_UNIT_NAME,
                assertThrows(RpcActionException.class, () -> run("{\"action\":\"restart_unit\"}"))
                        .getMessage());
        launchTwo();
        assertEquals(
                "Stopped app@0.service\nStarted app@0.service (restart 1)",
                ((JsonString) run("{\"action\":\"restart_unit\",\"action_parameters\":{\"unit_name\":"
                                + "\"app@0.service\"}}"))
                        .getString());
    }

    @Test
    @DisplayName("RestartUnit: a unit the cluster does not run → error naming it")
    void restartUnitUnknownUnit() {
        launchTwo();

        assertEquals(
                "unit app@7.service does not run in this cluster",
                assertThrows(
                                RpcActionException.class,
                                () -> run("{\"action\":\"restart_unit\",\"action_parameters\":{\"unit_name\":"
                                        + "\"app@7.service\"}}"))
                        .getMessage());
    }

    @Test
    @DisplayName("RestartUnit: the target's restart fails (the script's non-zero exit) → error with its text")
    void restartUnitFailingTarget() {
        SimulatedTarget failing = new SimulatedTarget(Map.of("exchange", "US-EAST-1")) {
            @Override
            public String restart(String cluster, String instanceName) {
                throw new DeployTargetException("restart of " + instanceName + " exited with 1");
            }
        };

        RpcActionException e = assertThrows(
                RpcActionException.class,
                () -> FleetDispatcher.run(
                        new DeployTargetFleetActions(failing),
                        Json.createReader(new StringReader(
                                        "{\"action\":\"restart_unit\",\"action_parameters\":{\"unit_name\":"
                                                + "\"app@0.service\"}}"))
                                .readValue()));

        assertEquals("restart of app@0.service exited with 1", e.getMessage());
    }

    @Test
    @DisplayName("NodeInfo: nodes missing/empty → error; two nodes → a map keyed by both IPs")
    void nodeInfo() {
        assertThrows(RpcActionException.class, () -> run("{\"action\":\"node_info\"}"));
        assertThrows(
                RpcActionException.class, () -> run("{\"action\":\"node_info\",\"action_parameters\":{\"nodes\":[]}}"));
        JsonObject info =
                run("{\"action\":\"node_info\",\"action_parameters\":{\"nodes\":[\"10.0.0.1\",\"10.0.0.2\"]}}")
                        .asJsonObject();
        assertEquals(2, info.size());
        JsonObject node = info.getJsonObject("10.0.0.2");
        assertEquals(42, node.getInt("docker_disk_space_percent"));
        assertEquals("simulated", node.getString("coreos_version"));
        assertEquals("simulated", node.getString("docker_version"));
    }

    @Test
    @DisplayName("FleetActions.execute: null or unknown action → error")
    void unknownAction() {
        assertEquals(
                "The following FleetManager action is not supported: dance",
                assertThrows(RpcActionException.class, () -> run("{\"action\":\"dance\"}"))
                        .getMessage());
        assertEquals(
                "The following FleetManager action is not supported: null",
                assertThrows(RpcActionException.class, () -> run("{}")).getMessage());
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
