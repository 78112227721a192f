package org.openaperture.buildlog.infrastructure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * What one Manager node needs on the broker to receive build logs: its queue, the queue's error queue (the
 * adapter dead-letters there and does not consume without it), a binding from the node's exchange with the
 * exchange's {@code build_logs} key, and the plan's bindings along the edges from the root with that key.
 *
 * <p>The queue goes away by itself once its node is gone: it expires after {@link #EXPIRES} without a
 * consumer. Lines older than {@link #MESSAGE_TTL} are dropped: nobody watches them live any more. The error
 * queue keeps its dead letters, as every error queue does.
 */
public final class NodeBuildLogTopology {
    static final Duration EXPIRES = Duration.ofMinutes(10);
    static final Duration MESSAGE_TTL = Duration.ofSeconds(60);

    private NodeBuildLogTopology() {}

    /**
     * @param queue the node's build-log queue ({@code openaperture.queue.build_logs})
     * @param exchange the node's exchange
     * @param key the exchange's {@code build_logs} routing key, e.g. {@code aws.us-east-1.build_logs}
     * @param planned the plan's bindings; those with {@code key} between exchanges are the route from the root
     */
    public static Definitions of(
            String vhost, String queue, String exchange, String key, List<BindingDefinition> planned) {
        List<BindingDefinition> bindings = new ArrayList<>(planned.stream()
                .filter(b -> BindingDefinition.EXCHANGE.equals(b.destinationType()) && key.equals(b.routingKey()))
                .toList());
        bindings.add(new BindingDefinition(exchange, vhost, queue, BindingDefinition.QUEUE, key, Map.of()));
        return new Definitions(
                List.of(),
                List.of(
                        new QueueDefinition(
                                queue,
                                vhost,
                                true,
                                false,
                                Map.of("x-expires", EXPIRES.toMillis(), "x-message-ttl", MESSAGE_TTL.toMillis())),
                        new QueueDefinition(QueueNames.errorQueueOf(queue), vhost, true, false, Map.of())),
                bindings);
    }
}
