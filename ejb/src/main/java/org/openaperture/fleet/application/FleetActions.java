package org.openaperture.fleet.application;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * What a FleetManager can do with the machines and units of its geography (components.md §6.3). The original
 * drove fleet and etcd; {@code DeployTargetFleetActions} does it on the Deployer's {@code DeployTarget}. {@code
 * cluster} is the request's {@code etcd_token}, null when it names none. Each method answers the JSON the
 * original returned for that action, or throws {@link org.openaperture.messaging.rpc.application.RpcActionException}
 * with a reason a person can act on.
 */
public interface FleetActions {

    /** The machines: {@code [{"id", "primaryIP", "metadata": {...}}]}. */
    JsonValue listMachines(String cluster);

    /** The units: {@code [{"name", "machineID", "desiredState", "currentState"}]}. */
    JsonValue listUnits(String cluster);

    /** The units' systemd states: {@code [{"name", "hash", "machineID", "systemdLoadState", ...}]}. */
    JsonValue listUnitStates(String cluster);

    /** The last log lines of a unit: {@code "<stdout>\n\n<stderr>"}. */
    JsonValue unitLogs(String cluster, String unitName);

    /** Restarts a unit; answers what the restart printed. */
    JsonValue restartUnit(String cluster, String unitName);

    /** Facts about the machines with these IPs, keyed by IP. */
    JsonValue nodeInfo(String cluster, List<String> nodes);
}
