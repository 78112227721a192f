package org.openaperture.deployer.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openaperture.deployer.application.DeployTarget;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitState;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.messaging.rpc.application.RpcActionException;

/**
 * The FleetManager's actions on the node's {@link DeployTarget}, answered in the JSON shapes the original read
 * from fleet (components.md §6.3). A target's refusal becomes the action's error, with the target's reason.
 */
public class DeployTargetFleetActions implements FleetActions {
    private final DeployTarget target;

    public DeployTargetFleetActions(DeployTarget target) {
        this.target = target;
    }

    @Override
    public JsonValue listMachines(String cluster) {
        JsonArrayBuilder machines = JSON.createArrayBuilder();
        for (Machine m : call(() -> target.machines(cluster))) {
            JsonObjectBuilder metadata = JSON.createObjectBuilder();
            m.metadata().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> metadata.add(e.getKey(), e.getValue()));
            JsonObjectBuilder machine = JSON.createObjectBuilder().add("id", m.id());
            add(machine, "primaryIP", m.primaryIp());
            machines.add(machine.add("metadata", metadata));
        }
        return machines.build();
    }

    @Override
    public JsonValue listUnits(String cluster) {
        JsonArrayBuilder units = JSON.createArrayBuilder();
        for (UnitState u : call(() -> target.units(cluster))) {
            JsonObjectBuilder unit = JSON.createObjectBuilder().add("name", u.name());
            add(unit, "machineID", u.machineId());
            add(unit, "desiredState", u.desiredState());
            add(unit, "currentState", u.currentState());
            units.add(unit);
        }
        return units.build();
    }

    @Override
    public JsonValue listUnitStates(String cluster) {
        JsonArrayBuilder states = JSON.createArrayBuilder();
        for (UnitState u : call(() -> target.units(cluster))) {
            JsonObjectBuilder state =
                    JSON.createObjectBuilder().add("name", u.name()).add("hash", hash(u.name()));
            add(state, "machineID", u.machineId());
            add(state, "systemdLoadState", u.loadState());
            add(state, "systemdActiveState", u.activeState());
            add(state, "systemdSubState", u.subState());
            states.add(state);
        }
        return states.build();
    }

    @Override
    public JsonValue unitLogs(String cluster, String unitName) {
        return JSON.createValue(call(() -> target.logs(cluster, unitName)));
    }

    @Override
    public JsonValue restartUnit(String cluster, String unitName) {
        return JSON.createValue(call(() -> target.restart(cluster, unitName)));
    }

    @Override
    public JsonValue nodeInfo(String cluster, List<String> nodes) {
        JsonObjectBuilder info = JSON.createObjectBuilder();
        call(() -> target.nodeInfo(cluster, nodes)).forEach((ip, node) -> info.add(ip, node(node)));
        return info.build();
    }

    private static JsonObjectBuilder node(NodeInfo node) {
        JsonObjectBuilder b =
                JSON.createObjectBuilder().add("docker_disk_space_percent", node.containerStoragePercent());
        add(b, "coreos_version", node.osVersion());
        add(b, "docker_version", node.runtimeVersion());
        return b;
    }

    private static void add(JsonObjectBuilder b, String field, String value) {
        if (value == null) {
            b.addNull(field);
        } else {
            b.add(field, value);
        }
    }

    /** fleet's unit hash was of the unit file; a name's SHA-1 is as stable. */
    private static String hash(String name) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (DeployTargetException e) {
            throw new RpcActionException(e.getMessage());
        }
    }
}
