package org.openaperture.overseer.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the machines and units of an exchange's fleet say about its health (components.md §8.5), as findings:
 * conditions that last while the fleet stays that way. Each has a key (unique within its exchange), so the
 * event that reports it is raised once while it lasts. The etcd token of the original is gone: the data
 * name the exchange instead.
 */
public final class ClusterHealthRules {
    public static final String DISK = "docker_disk_space_percent";
    public static final String FAILED_UNIT = "failed_unit";
    public static final String COMPONENT_INACTIVE = "component_inactive";
    public static final String WARNING = "warning";
    public static final String ERROR = "error";
    static final int WARN_ABOVE = 80;
    static final int ERROR_ABOVE = 90;

    private ClusterHealthRules() {}

    /** A lasting condition: its key within the exchange, and the event that reports it. */
    public record Finding(String key, String type, String severity, String message, JsonObject data) {}

    /**
     * Machines ({@code list_machines}) and their facts ({@code node_info}, keyed by IP): no machines at all is
     * a warning; a machine whose disk use is unknown or above 90 % an error, above 80 % a warning.
     */
    public static List<Finding> machines(long exchangeId, JsonValue machines, JsonValue nodeInfo) {
        List<String> ips = primaryIps(machines);
        if (ips.isEmpty()) {
            return List.of(new Finding(
                    "hosts:none",
                    DISK,
                    WARNING,
                    "Exchange " + exchangeId + " has no associated hosts",
                    JSON.createObjectBuilder()
                            .add("host_cnt", 0)
                            .add("exchange_id", exchangeId)
                            .build()));
        }
        JsonObject facts = nodeInfo instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        List<Finding> findings = new ArrayList<>();
        for (String ip : ips) {
            Integer percent = facts.get(ip) instanceof JsonObject host && host.get(DISK) instanceof JsonNumber number
                    ? number.intValue()
                    : null;
            String severity = percent == null || percent > ERROR_ABOVE ? ERROR : percent > WARN_ABOVE ? WARNING : null;
            if (severity == null) {
                continue;
            }
            var data = JSON.createObjectBuilder().add("hostname", ip).add("exchange_id", exchangeId);
            if (percent == null) {
                data.addNull(DISK);
            } else {
                data.add(DISK, percent);
            }
            findings.add(new Finding(
                    "disk:" + ip + ":" + severity,
                    DISK,
                    severity,
                    percent == null
                            ? "Host " + ip + " did not report its docker disk space usage"
                            : "Host " + ip + " is using " + percent + "% of its docker disk space",
                    data.build()));
        }
        return findings;
    }

    /**
     * Unit states ({@code list_unit_states}), read twice when some failed: only a unit failed in both reads
     * counts (components.md §12.11: the original re-checked stale data). No answer at all is a warning; each
     * failed unit a warning; a unit none of whose instances is running an error (the rule the original
     * intended and never fired). An empty list says nothing.
     */
    public static List<Finding> units(long exchangeId, JsonValue states, JsonValue refreshed) {
        if (!(states instanceof JsonArray first)) {
            return List.of(new Finding(
                    "units:unavailable",
                    FAILED_UNIT,
                    WARNING,
                    "Exchange " + exchangeId + " failed to return unit states",
                    JSON.createObjectBuilder().add("exchange_id", exchangeId).build()));
        }
        Set<String> failedBefore = failedUnits(first);
        JsonArray current = refreshed instanceof JsonArray again ? again : first;
        Set<String> stillFailed = failedUnits(current);
        stillFailed.retainAll(failedBefore);
        List<Finding> findings = new ArrayList<>();
        for (JsonObject unit : objects(current)) {
            if (!stillFailed.contains(instance(unit))) {
                continue;
            }
            String machine = machine(unit);
            var data = JSON.createObjectBuilder().add("unit_name", name(unit)).add("exchange_id", exchangeId);
            if (machine != null) {
                data.add("machine_id", machine);
            }
            findings.add(new Finding(
                    "unit:" + instance(unit),
                    FAILED_UNIT,
                    WARNING,
                    "Unit " + name(unit) + (machine == null ? "" : " on machine " + machine) + " is in a failed state!",
                    data.build()));
        }
        Map<String, List<JsonObject>> byName = objects(current).stream()
                .filter(u -> name(u) != null)
                .collect(Collectors.groupingBy(u -> unitGroup(name(u)), LinkedHashMap::new, Collectors.toList()));
        byName.forEach((group, instances) -> {
            boolean noneRunning = instances.stream().allMatch(u -> stillFailed.contains(instance(u)));
            if (noneRunning) {
                findings.add(new Finding(
                        "unit-down:" + group,
                        FAILED_UNIT,
                        ERROR,
                        "Unit " + group + " has no running instances!",
                        JSON.createObjectBuilder()
                                .add("unit_name", group)
                                .add("exchange_id", exchangeId)
                                .build()));
            }
        });
        return findings;
    }

    /** Whether a read of unit states shows any failed unit (then it is read again before judging). */
    public static boolean anyFailed(JsonValue states) {
        return states instanceof JsonArray array && !failedUnits(array).isEmpty();
    }

    /**
     * A component of the exchange with no active module of its type (it stopped sending heartbeats, or
     * never started) is a warning.
     */
    public static List<Finding> components(
            long exchangeId, Collection<String> componentTypes, Collection<String> activeModuleTypes) {
        return componentTypes.stream()
                .distinct()
                .filter(type -> !activeModuleTypes.contains(type))
                .map(type -> new Finding(
                        "component:" + type,
                        COMPONENT_INACTIVE,
                        WARNING,
                        "Component " + type + " of exchange " + exchangeId + " has no active module",
                        JSON.createObjectBuilder()
                                .add("component", type)
                                .add("exchange_id", exchangeId)
                                .build()))
                .toList();
    }

    /** {@code app@1.service} and {@code app@2.service} are instances of {@code app@.service}. */
    static String unitGroup(String unit) {
        int at = unit.indexOf('@');
        if (at < 0) {
            return unit;
        }
        int dot = unit.lastIndexOf('.');
        return dot > at ? unit.substring(0, at + 1) + unit.substring(dot) : unit.substring(0, at + 1);
    }

    public static List<String> primaryIps(JsonValue machines) {
        return objects(machines).stream()
                .map(m -> m.get("primaryIP") instanceof JsonString ip ? ip.getString() : null)
                .filter(ip -> ip != null && !ip.isBlank())
                .distinct()
                .toList();
    }

    private static Set<String> failedUnits(JsonArray states) {
        return objects(states).stream()
                .filter(u -> u.get("systemdActiveState") instanceof JsonString s && "failed".equals(s.getString()))
                .filter(u -> name(u) != null)
                .map(ClusterHealthRules::instance)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** One instance of a unit: its name on its machine (a global unit runs on several). */
    private static String instance(JsonObject unit) {
        String machine = machine(unit);
        return machine == null ? name(unit) : name(unit) + "@" + machine;
    }

    private static String machine(JsonObject unit) {
        return unit.get("machineID") instanceof JsonString s ? s.getString() : null;
    }

    private static String name(JsonObject unit) {
        return unit.get("name") instanceof JsonString s ? s.getString() : null;
    }

    private static List<JsonObject> objects(JsonValue value) {
        return value instanceof JsonArray array
                ? array.stream()
                        .filter(JsonObject.class::isInstance)
                        .map(JsonObject.class::cast)
                        .toList()
                : List.of();
    }
}
