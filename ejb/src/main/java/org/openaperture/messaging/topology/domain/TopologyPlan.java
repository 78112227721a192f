package org.openaperture.messaging.topology.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.ExchangeDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;

/**
 * The RabbitMQ topology the exchange hierarchy implies, the one place of this rule ({@code
 * server-config/rabbitmq/definitions.json} is its layout of the seed, checked by a test):
 *
 * <ul>
 *   <li>every exchange of the model is a durable topic exchange;
 *   <li>every exchange with a parent gets, for each component, a durable queue ({@link QueueNames}) that
 *       dead-letters through the default exchange into its {@code _error} queue, the {@code _error} queue,
 *       and a binding from the exchange to the queue with the component's routing key;
 *   <li>each parent-to-child edge on the way from the root down to that exchange is bound with the same key,
 *       so that a message published to the root (as the routing-key rule says) travels down to the queue;
 *   <li>the edges are bound with the exchange's {@code build_logs} key too, with no queue: each Manager node of
 *       the exchange declares its own queue for build logs and binds it to the exchange when it starts
 *       ({@link QueueNames#nodeBuildLogQueueOf}).
 * </ul>
 *
 * A root exchange alone gets no queues: the seed declares none there.
 */
public final class TopologyPlan {
    static final String DEAD_LETTER_EXCHANGE = "x-dead-letter-exchange";
    static final String DEAD_LETTER_ROUTING_KEY = "x-dead-letter-routing-key";

    private TopologyPlan() {}

    /**
     * @param vhost the virtual host the definitions are for
     * @param exchanges the exchanges of the model, in the order they should be listed (by id)
     * @param rootExchangeName only the hierarchy under this root; null for the whole model
     */
    public static Definitions of(String vhost, Collection<Node> exchanges, String rootExchangeName) {
        Objects.requireNonNull(vhost, "vhost");
        Map<Long, Node> byId = new LinkedHashMap<>();
        exchanges.forEach(e -> byId.put(e.id(), e));
        ExchangeHierarchy hierarchy = new ExchangeHierarchy(id -> Optional.ofNullable(byId.get(id)));
        List<ExchangeDefinition> exchangeDefinitions = new ArrayList<>();
        List<QueueDefinition> queues = new ArrayList<>();
        List<BindingDefinition> bindings = new ArrayList<>();
        for (Node exchange : exchanges) {
            Route route = hierarchy.routeOf(exchange);
            if (rootExchangeName != null && !rootExchangeName.equals(route.rootExchangeName())) {
                continue;
            }
            exchangeDefinitions.add(ExchangeDefinition.topic(vhost, exchange.name()));
            List<Node> path = pathFromRoot(exchange, byId);
            if (path.size() < 2) {
                continue;
            }
            for (String component : QueueNames.COMPONENTS) {
                String key = route.routingKeyFor(component);
                String queue = QueueNames.queueOf(route, component);
                String errorQueue = QueueNames.errorQueueOf(queue);
                // "" is the default exchange: it routes by queue name, so the error queue needs no binding.
                queues.add(new QueueDefinition(
                        queue,
                        vhost,
                        true,
                        false,
                        Map.of(DEAD_LETTER_EXCHANGE, "", DEAD_LETTER_ROUTING_KEY, errorQueue)));
                queues.add(new QueueDefinition(errorQueue, vhost, true, false, Map.of()));
                bindings.addAll(edges(path, vhost, key));
                bindings.add(
                        new BindingDefinition(exchange.name(), vhost, queue, BindingDefinition.QUEUE, key, Map.of()));
            }
            bindings.addAll(edges(path, vhost, route.routingKeyFor(QueueNames.BUILD_LOGS)));
        }
        return new Definitions(exchangeDefinitions, queues, distinct(bindings));
    }

    /** A binding with {@code key} along each parent-to-child edge of {@code path}, from the root down. */
    private static List<BindingDefinition> edges(List<Node> path, String vhost, String key) {
        List<BindingDefinition> edges = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            edges.add(new BindingDefinition(
                    path.get(i - 1).name(), vhost, path.get(i).name(), BindingDefinition.EXCHANGE, key, Map.of()));
        }
        return edges;
    }

    /** The exchanges from the root down to {@code exchange}; the hierarchy has no cycles (routeOf checked). */
    private static List<Node> pathFromRoot(Node exchange, Map<Long, Node> byId) {
        List<Node> path = new ArrayList<>();
        for (Node current = exchange;
                current != null;
                current = current.parentId() == null ? null : byId.get(current.parentId())) {
            path.add(0, current);
        }
        return path;
    }

    /** An edge shared by two exchanges deeper down is bound once. */
    private static List<BindingDefinition> distinct(List<BindingDefinition> bindings) {
        return bindings.stream().distinct().toList();
    }
}
