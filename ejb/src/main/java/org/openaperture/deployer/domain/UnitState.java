package org.openaperture.deployer.domain;

import java.util.Objects;

/**
 * What a target knows of one running unit instance, in the vocabulary the original read from fleet and
 * systemd, so the monitor's rules and the FleetManager's answers stay the same on every target.
 *
 * @param desiredState {@code launched} for a unit that should run
 * @param currentState {@code launched}, {@code loaded}, {@code inactive} or null
 * @param activeState {@code active}, {@code activating}, {@code inactive}, {@code failed} or null (unknown yet)
 * @param subState {@code running}, {@code failed}, {@code dead} or null
 */
public record UnitState(
        String name,
        String machineId,
        String desiredState,
        String currentState,
        String loadState,
        String activeState,
        String subState) {

    public UnitState {
        Objects.requireNonNull(name, "name");
    }
}
