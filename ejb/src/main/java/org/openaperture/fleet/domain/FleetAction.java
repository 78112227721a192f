package org.openaperture.fleet.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The actions a FleetManager answers, named as in the request body ({@code "action":"list_machines"}). */
public enum FleetAction {
    LIST_MACHINES,
    LIST_UNITS,
    LIST_UNIT_STATES,
    /** Needs {@code action_parameters.unit_name}. */
    UNIT_LOGS,
    /** Needs {@code action_parameters.unit_name}. */
    RESTART_UNIT,
    /** Needs {@code action_parameters.nodes}, a list of machine IPs. */
    NODE_INFO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FleetAction> of(String action) {
        return Arrays.stream(values()).filter(a -> a.wire().equals(action)).findFirst();
    }
}
