package org.openaperture.deployer.application;

import java.util.List;
import java.util.Map;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;

/**
 * Where the Deployer runs units and the FleetManager looks at them: the port that replaced fleet, etcd and
 * {@code fleetctl} over SSH. {@code cluster} is the envelope's {@code etcd_token}, an opaque cluster id a
 * target may ignore when it serves one cluster.
 *
 * <p>The Deployer decides which instances to launch and remove and reads their states with the original
 * monitor's rules; a target only knows how to do each step on its platform. Implementations: {@code
 * LocalProcessTarget} (units as processes on the node), {@code KubernetesTarget} (a Deployment per unit
 * instance, through the fabric8 client) and {@code SimulatedTarget} (in memory). {@code
 * openaperture.deployer.target} chooses one.
 *
 * <p>Every method throws {@link DeployTargetException} with a reason a person can act on.
 */
public interface DeployTarget {

    /** The machines of the cluster; an empty list when it has none reachable. */
    List<Machine> machines(String cluster);

    /** Every unit instance the target runs for the cluster, with its state. */
    List<UnitState> units(String cluster);

    /**
     * Starts {@code instance} (its {@code <%= dst_port %>} already replaced by the caller) and returns at once;
     * the monitor follows its state through {@link #units}.
     */
    void launch(String cluster, UnitInstance instance);

    /** Stops and removes the instance named {@code instanceName}, returning once it no longer runs. */
    void remove(String cluster, String instanceName);

    /** The last lines the instance printed (the original's journal). */
    String logs(String cluster, String instanceName);

    /** Restarts the instance; answers what the restart printed. */
    String restart(String cluster, String instanceName);

    /** Facts about the machines with these addresses, keyed by address. */
    Map<String, NodeInfo> nodeInfo(String cluster, List<String> addresses);
}
