package org.openaperture.deployer.domain;

import java.util.Map;
import java.util.Objects;

/** A machine (node) of a cluster: answered to {@code list_machines} as {@code {id, primaryIP, metadata}}. */
public record Machine(String id, String primaryIp, Map<String, String> metadata) {

    public Machine {
        Objects.requireNonNull(id, "id");
        metadata = Map.copyOf(metadata);
    }
}
