package org.openaperture.deployer.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit template from the deployment repository ({@code name@.service} with its options), as carried in the
 * envelope's {@code deployable_units}. A target runs instances of it; which options it reads is the target's
 * business (the local-process target runs {@code [Service] ExecStart}, Kubernetes reads an image).
 */
public record DeployableUnit(String name, List<UnitOption> options) {

    public DeployableUnit {
        Objects.requireNonNull(name, "name");
        options = List.copyOf(options);
    }

    /** The name without {@code @<n>.service} or {@code @.service}: instances are {@code <base>@<i>.service}. */
    public String baseName() {
        int at = name.indexOf('@');
        if (at >= 0) {
            return name.substring(0, at);
        }
        return name.endsWith(".service") ? name.substring(0, name.length() - ".service".length()) : name;
    }

    /** The name of instance {@code index}. */
    public String instanceName(int index) {
        return baseName() + "@" + index + ".service";
    }

    /** The first value of {@code [section] name}, if the unit has it. */
    public Optional<String> option(String section, String name) {
        return options.stream()
                .filter(o -> o.section().equals(section) && o.name().equals(name))
                .map(UnitOption::value)
                .findFirst();
    }
}
