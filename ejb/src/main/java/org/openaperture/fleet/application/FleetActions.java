package org.openaperture.fleet.application;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * What a FleetManager can do with the machines and units of its geography. The original drove fleet and
 * etcd; the deploy-target SPI of a later issue implements this port on real targets. Each method answers
 * the JSON the original returned for that action, or throws
 * {@link org.openaperture.messaging.application.RpcActionException} with a reason a person can act on.
 */
public interface FleetActions {

    /** The machines: {@code [{"id", "primaryIP", "metadata": {...}}]}. */
    JsonValue listMachines();

    /** The units: {@code [{"name", "machineID", "desiredState", "currentState"}]}. */
    JsonValue listUnits();

    /** The units' systemd states: {@code [{"name", "hash", "machineID", "systemdLoadState", ...}]}. */
    JsonValue listUnitStates();

    /** The last log lines of a unit. */
    JsonValue unitLogs(String unitName);

    /** Restarts a unit. */
    JsonValue restartUnit(String unitName);

    /** Facts about the machines with these IPs, keyed by IP. */
    JsonValue nodeInfo(List<String> nodes);
}
