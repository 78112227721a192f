package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.node.NodeConfig;

/**
 * Publishes this node's heartbeats: one status event per enabled component to logical queue
 * {@code system_modules} of the node's exchange, through the outbox, with the version this node runs. The
 * Overseer consuming that queue records them as modules named {@code <hostname>:<component>}; the first
 * one registers the module.
 */
@Stateless
public class HeartbeatPublisher {
    public static final String QUEUE = QueueNames.SYSTEM_MODULES;
    static final String MESSAGE_TYPE = "module.heartbeat";

    @Inject
    Outbox outbox;

    @Inject
    ExchangeService exchanges;

    @Inject
    NodeConfig node;

    /** Queues one heartbeat per component; empty when this node's exchange is not in the model yet. */
    public Optional<List<String>> publish() {
        Optional<Exchange> exchange = exchanges.findByIdOrName(node.exchange());
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        String hostname = node.hostname();
        List<String> components = node.components();
        for (String component : components) {
            var heartbeat = JSON.createObjectBuilder()
                    .add("event_type", "status")
                    .add("hostname", NodeConfig.moduleHostname(hostname, component))
                    .add("type", component)
                    .add("status", "active")
                    .add("workload", JSON.createArrayBuilder());
            node.version().ifPresent(version -> heartbeat.add("version", version));
            outbox.enqueue(exchange.get().id(), QUEUE, MESSAGE_TYPE, heartbeat.build());
        }
        return Optional.of(components);
    }
}
