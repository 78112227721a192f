package org.openaperture.deployer.domain;

import java.util.Objects;

/**
 * One instance of a unit to launch: {@code <base>@<index>.service}, with the port that replaces
 * {@code <%= dst_port %>} in its options (0 when the target chooses).
 */
public record UnitInstance(DeployableUnit unit, int index, int port) {

    public UnitInstance {
        Objects.requireNonNull(unit, "unit");
        if (index < 0) {
            throw new IllegalArgumentException("instance index must not be negative: " + index);
        }
    }

    public String name() {
        return unit.instanceName(index);
    }
}
