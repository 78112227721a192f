package org.openaperture.deployer.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.deployer.application.DeployTarget;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;

/**
 * A cluster that exists only in memory, for demos and tests: two machines ({@code simulated-machine-1} at
 * {@code 10.0.0.1}, {@code simulated-machine-2} at {@code 10.0.0.2}), whose metadata carries what it was made
 * with (e.g. the node's exchange, so an answer shows who gave it). A launched instance runs on machine {@code
 * index % 2}, reads {@code activating} once and {@code active} from then on; a unit with {@code [X-OpenAperture]
 * Simulate=fail} reads {@code failed}. Nothing runs, and the same calls always give the same answers.
 */
public class SimulatedTarget implements DeployTarget {
    static final List<String> MACHINES = List.of("simulated-machine-1", "simulated-machine-2");

    private final Map<String, String> metadata;
    private final Map<String, Unit> units = new LinkedHashMap<>();

    private static final class Unit {
        final UnitInstance instance;
        int reads;
        int restarts;

        Unit(UnitInstance instance) {
            this.instance = instance;
        }
    }

    /** @param metadata added to each machine's, beside {@code simulated=true} */
    public SimulatedTarget(Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put("simulated", "true");
        this.metadata = Map.copyOf(m);
    }

    @Override
    public List<Machine> machines(String cluster) {
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < MACHINES.size(); i++) {
            machines.add(new Machine(MACHINES.get(i), ip(i), metadata));
        }
        return machines;
    }

    @Override
    public synchronized List<UnitState> units(String cluster) {
        List<UnitState> states = new ArrayList<>();
        for (Unit u : units.values()) {
            String machine = MACHINES.get(u.instance.index() % MACHINES.size());
            boolean fails = u.instance
                    .unit()
                    .option(LocalProcessTarget.SECTION, "Simulate")
                    .filter("fail"::equals)
                    .isPresent();
            String active = fails ? "failed" : u.reads == 0 ? "activating" : "active";
            String sub = fails ? "failed" : u.reads == 0 ? "start" : "running";
            states.add(new UnitState(u.instance.name(), machine, "launched", "launched", "loaded", active, sub));
            u.reads++;
        }
        return states;
    }

    @Override
    public synchronized void launch(String cluster, UnitInstance instance) {
        units.put(instance.name(), new Unit(instance));
    }

    @Override
    public synchronized void remove(String cluster, String instanceName) {
        if (units.remove(instanceName) == null) {
            throw notRunning(instanceName);
        }
    }

    @Override
    public synchronized String logs(String cluster, String instanceName) {
        Unit u = find(instanceName);
        String machine = MACHINES.get(u.instance.index() % MACHINES.size());
        return instanceName + " started on " + machine + "\n" + instanceName + " listening on port " + u.instance.port()
                + "\n\n";
    }

    @Override
    public synchronized String restart(String cluster, String instanceName) {
        Unit u = find(instanceName);
        u.restarts++;
        u.reads = 0;
        return "Stopped " + instanceName + "\nStarted " + instanceName + " (restart " + u.restarts + ")";
    }

    @Override
    public Map<String, NodeInfo> nodeInfo(String cluster, List<String> addresses) {
        Map<String, NodeInfo> info = new LinkedHashMap<>();
        for (String address : addresses) {
            int i = machineOf(address);
            if (i < 0) {
                throw new DeployTargetException("no machine of this cluster has IP " + address);
            }
            info.put(address, new NodeInfo(42, "simulated", "simulated"));
        }
        return info;
    }

    private Unit find(String instanceName) {
        Unit u = units.get(instanceName);
        if (u == null) {
            throw notRunning(instanceName);
        }
        return u;
    }

    private static DeployTargetException notRunning(String instanceName) {
        return new DeployTargetException("unit " + instanceName + " does not run in this cluster");
    }

    private static String ip(int i) {
        return "10.0.0." + (i + 1);
    }

    private static int machineOf(String address) {
        for (int i = 0; i < MACHINES.size(); i++) {
            if (ip(i).equals(address)) {
                return i;
            }
        }
        return -1;
    }
}
