package org.openaperture.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The identity of this node in the messaging model. {@code openaperture.node.exchange} is the exchange the
 * node lives in, by id or by name (a name lets an operator configure a node before ids are known).
 */
@ApplicationScoped
public class NodeConfig {

    @Inject
    @ConfigProperty(name = "openaperture.node.exchange", defaultValue = "US-EAST-1")
    String exchange;

    public String exchange() {
        return exchange;
    }
}
