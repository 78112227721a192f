package org.openaperture.fleet.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.messaging.application.RpcActionException;
import org.openaperture.node.NodeConfig;

/**
 * A fleet that exists only in answers: two machines ({@code 10.0.0.1}, {@code 10.0.0.2}) each running one
 * unit, in the shapes fleet answered the original. The same request always gets the same answer, so tests
 * and demos can rely on it; machine metadata names this node's exchange, so an answer shows who gave it.
 * Restarting a unit changes nothing.
 */
@ApplicationScoped
public class SimulatedFleetActions implements FleetActions {
    static final List<String> MACHINES = List.of("simulated-machine-1", "simulated-machine-2");

    @Inject
    NodeConfig node;

    private String exchange;

    public SimulatedFleetActions() {}

    /** Outside the container: a fleet that says it lives in {@code exchange}. */
    public SimulatedFleetActions(String exchange) {
        this.exchange = exchange;
    }

    @Override
    public JsonValue listMachines() {
        JsonArrayBuilder machines = Json.createArrayBuilder();
        for (int i = 0; i < MACHINES.size(); i++) {
            machines.add(Json.createObjectBuilder()
                    .add("id", MACHINES.get(i))
                    .add("primaryIP", ip(i))
                    .add(
                            "metadata",
                            Json.createObjectBuilder()
                                    .add("exchange", exchange())
                                    .add("simulated", "true")));
        }
        return machines.build();
    }

    @Override
    public JsonValue listUnits() {
        JsonArrayBuilder units = Json.createArrayBuilder();
        for (int i = 0; i < MACHINES.size(); i++) {
            units.add(unit(i).add("desiredState", "launched").add("currentState", "launched"));
        }
        return units.build();
    }

    @Override
    public JsonValue listUnitStates() {
        JsonArrayBuilder states = Json.createArrayBuilder();
        for (int i = 0; i < MACHINES.size(); i++) {
            states.add(unit(i).add("hash", "simulated-hash-" + (i + 1))
                    .add("systemdLoadState", "loaded")
                    .add("systemdActiveState", "active")
                    .add("systemdSubState", "running"));
        }
        return states.build();
    }

    @Override
    public JsonValue unitLogs(String unitName) {
        int i = unitIndex(unitName);
        return Json.createArrayBuilder()
                .add(unitName + " started on " + MACHINES.get(i))
                .add(unitName + " listening on " + ip(i) + ":8080")
                .build();
    }

    @Override
    public JsonValue restartUnit(String unitName) {
        unitIndex(unitName);
        return Json.createObjectBuilder()
                .add("name", unitName)
                .add("restarted", true)
                .build();
    }

    @Override
    public JsonValue nodeInfo(List<String> nodes) {
        JsonObjectBuilder info = Json.createObjectBuilder();
        for (String ip : nodes) {
            int i = machineIndexOfIp(ip)
                    .orElseThrow(() -> new RpcActionException("no machine of this fleet has IP " + ip));
            info.add(
                    ip,
                    Json.createObjectBuilder()
                            .add("machine_id", MACHINES.get(i))
                            .add("docker_disk_space_percent", 42)
                            .add("coreos_version", "simulated"));
        }
        return info.build();
    }

    private JsonObjectBuilder unit(int i) {
        return Json.createObjectBuilder().add("name", unitName(i)).add("machineID", MACHINES.get(i));
    }

    private static String unitName(int i) {
        return "simulated-app@" + (i + 1) + ".service";
    }

    private static String ip(int i) {
        return "10.0.0." + (i + 1);
    }

    private static int unitIndex(String unitName) {
        for (int i = 0; i < MACHINES.size(); i++) {
            if (unitName(i).equals(unitName)) {
                return i;
            }
        }
        throw new RpcActionException("unit " + unitName + " does not run in this fleet");
    }

    private static Optional<Integer> machineIndexOfIp(String ip) {
        for (int i = 0; i < MACHINES.size(); i++) {
            if (ip(i).equals(ip)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private String exchange() {
        return exchange != null ? exchange : node.exchange();
    }
}
