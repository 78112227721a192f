package org.openaperture.cli;

import java.util.List;
import java.util.Map;

/**
 * The roles each command needs, from the {@code @RolesAllowed} of the routes it calls; for a 403 whose detail
 * does not name them.
 */
final class CommandRoles {

    private static final List<String> READ = List.of("viewer", "operator", "admin", "module");
    private static final List<String> RUN_WORKFLOWS = List.of("operator", "admin");

    private static final Map<String, List<String>> NEEDED = Map.ofEntries(
            Map.entry("login", READ),
            Map.entry("exchanges", READ),
            Map.entry("brokers", READ),
            Map.entry("modules", READ),
            Map.entry("events", READ),
            Map.entry("topology drift", READ),
            Map.entry("topology apply", List.of("admin")),
            Map.entry("workflows list", READ),
            Map.entry("workflows get", READ),
            Map.entry("workflows create", RUN_WORKFLOWS),
            Map.entry("workflows execute", RUN_WORKFLOWS),
            Map.entry("workflows retry", RUN_WORKFLOWS),
            Map.entry("workflows cancel", RUN_WORKFLOWS),
            Map.entry("deploy", RUN_WORKFLOWS));

    private CommandRoles() {}

    /** Empty for a command not in the map. */
    static List<String> of(String command) {
        return NEEDED.getOrDefault(command, List.of());
    }
}
