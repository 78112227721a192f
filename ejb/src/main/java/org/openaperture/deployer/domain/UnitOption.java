package org.openaperture.deployer.domain;

import java.util.Objects;

/** One {@code Name=Value} line of a unit file's {@code [Section]}, as the Builder parsed it. */
public record UnitOption(String section, String name, String value) {

    public UnitOption {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
