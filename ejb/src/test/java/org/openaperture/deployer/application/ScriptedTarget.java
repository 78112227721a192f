package org.openaperture.deployer.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.openaperture.deployer.domain.Machine;
import org.openaperture.deployer.domain.NodeInfo;
import org.openaperture.deployer.domain.UnitInstance;
import org.openaperture.deployer.domain.UnitState;

/**
 * A target whose units read what the test scripts: {@code states.apply(name, read)} for the read-th look at the
 * units (0 first), null leaving the unit out. Records what the Deployer asked of it.
 */
class ScriptedTarget implements DeployTarget {
    int machines = 2;
    BiFunction<String, Integer, String[]> states = (name, read) -> new String[] {"active", "running"};
    List<UnitState> existing = new ArrayList<>();
    final Map<String, UnitInstance> launched = new LinkedHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    String failLogsOf;
    String failLaunch;
    private int reads;

    @Override
    public List<Machine> machines(String cluster) {
        List<Machine> list = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
            list.add(new Machine("m" + i, "10.0.0." + i, Map.of()));
        }
        return list;
    }

    @Override
    public synchronized List<UnitState> units(String cluster) {
        if (launched.isEmpty()) {
            return existing;
        }
        int read = reads++;
        List<UnitState> list = new ArrayList<>();
        for (String name : launched.keySet()) {
            String[] s = states.apply(name, read);
            if (s != null) {
                list.add(new UnitState(name, "m0", "launched", "launched", "loaded", s[0], s[1]));
            }
        }
        return list;
    }

    @Override
    public synchronized void launch(String cluster, UnitInstance instance) {
        if (failLaunch != null) {
            throw new DeployTargetException(failLaunch);
        }
        calls.add("launch " + instance.name());
        launched.put(instance.name(), instance);
    }

    @Override
    public synchronized void remove(String cluster, String instanceName) {
        calls.add("remove " + instanceName);
        launched.remove(instanceName);
    }

    @Override
    public String logs(String cluster, String instanceName) {
        if (instanceName.equals(failLogsOf)) {
            throw new DeployTargetException("journal of " + instanceName + " unavailable");
        }
        return "out of " + instanceName + "\n\nerr of " + instanceName;
    }

    @Override
    public String restart(String cluster, String instanceName) {
        return "restarted " + instanceName;
    }

    @Override
    public Map<String, NodeInfo> nodeInfo(String cluster, List<String> addresses) {
        return Map.of();
    }
}
