package org.openaperture.deployer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * What a {@code deploy} milestone does on a cluster (components.md §5.3): {@code instanceCount} instances
 * ({@code fleet_config.instance_cnt}, else one per machine) of each unit, {@code <base>@<i>.service} for i = 0 …
 * N-1, each replacing the instance of that name if one runs; the unit's instances numbered N or higher are
 * removed afterwards.
 */
public record DeployPlan(String cluster, int hostCount, int instanceCount, List<DeployableUnit> units) {
    public static final String DST_PORT = "<%= dst_port %>";
    private static final Pattern DST_PORT_PATTERN = Pattern.compile("<%=\\s*dst_port\\s*%>");

    public DeployPlan {
        units = List.copyOf(units);
    }

    /**
     * The plan, or the refusal of §5.3 in the original's words.
     *
     * @param requestedInstances {@code fleet_config.instance_cnt}, or null when the workflow names none
     * @throws DeployRefusedException no hosts, zero instances or no units
     */
    public static DeployPlan of(String cluster, int hostCount, Integer requestedInstances, List<DeployableUnit> units) {
        int instances = requestedInstances != null ? requestedInstances : hostCount;
        if (hostCount == 0) {
            throw new DeployRefusedException("Unable to find accessible hosts in cluster " + cluster + "!");
        }
        if (instances <= 0) {
            throw new DeployRefusedException("Cannot specify 0 instances of services to deploy!");
        }
        if (units == null || units.isEmpty()) {
            throw new DeployRefusedException("There are no valid units to deploy!");
        }
        return new DeployPlan(cluster, hostCount, instances, units);
    }

    /** The instances to launch, in order, each with a port from {@code ports} put in for {@code <%= dst_port %>}. */
    public List<UnitInstance> instances(IntSupplier ports) {
        List<UnitInstance> instances = new ArrayList<>();
        for (DeployableUnit unit : units) {
            for (int i = 0; i < instanceCount; i++) {
                int port = ports.getAsInt();
                instances.add(new UnitInstance(withPort(unit, port), i, port));
            }
        }
        return instances;
    }

    /** The running instances of {@code unit} this plan does not launch again (index N or higher, or no index). */
    public List<String> leftovers(DeployableUnit unit, List<UnitState> running) {
        String prefix = unit.baseName() + "@";
        List<String> names = new ArrayList<>();
        for (UnitState state : running) {
            String name = state.name();
            if (!name.startsWith(prefix)) {
                continue;
            }
            Integer index = index(name.substring(prefix.length()));
            if (index == null || index >= instanceCount) {
                names.add(name);
            }
        }
        return names;
    }

    /** {@code unit} with {@code <%= dst_port %>} replaced by {@code port} in every option value. */
    public static DeployableUnit withPort(DeployableUnit unit, int port) {
        List<UnitOption> options = unit.options().stream()
                .map(o -> new UnitOption(
                        o.section(),
                        o.name(),
                        DST_PORT_PATTERN.matcher(o.value()).replaceAll(String.valueOf(port))))
                .toList();
        return new DeployableUnit(unit.name(), options);
    }

    /** {@code 3} for {@code 3.service}; null when the rest is no instance number. */
    private static Integer index(String rest) {
        String digits = rest.endsWith(".service") ? rest.substring(0, rest.length() - ".service".length()) : rest;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
            return null;
        }
        return Integer.valueOf(digits);
    }
}
