package org.openaperture.messaging.topology.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A RabbitMQ definitions document restricted to what the topology needs, field for field as
 * {@code GET /api/definitions} writes it (JSON-B with snake_case names gives {@code auto_delete},
 * {@code destination_type}, {@code routing_key}).
 */
public record Definitions(
        List<ExchangeDefinition> exchanges, List<QueueDefinition> queues, List<BindingDefinition> bindings) {

    public Definitions {
        exchanges = List.copyOf(Objects.requireNonNullElse(exchanges, List.of()));
        queues = List.copyOf(Objects.requireNonNullElse(queues, List.of()));
        bindings = List.copyOf(Objects.requireNonNullElse(bindings, List.of()));
    }

    /** Not {@code isEmpty}: JSON-B would write that as a property. */
    public boolean declaresNothing() {
        return exchanges.isEmpty() && queues.isEmpty() && bindings.isEmpty();
    }

    public record ExchangeDefinition(
            String name,
            String vhost,
            String type,
            boolean durable,
            boolean autoDelete,
            boolean internal,
            Map<String, Object> arguments) {
        public ExchangeDefinition {
            arguments = Map.copyOf(Objects.requireNonNullElse(arguments, Map.of()));
        }

        /** A durable topic exchange, as every exchange of the model is. */
        public static ExchangeDefinition topic(String vhost, String name) {
            return new ExchangeDefinition(name, vhost, "topic", true, false, false, Map.of());
        }
    }

    public record QueueDefinition(
            String name, String vhost, boolean durable, boolean autoDelete, Map<String, Object> arguments) {
        public QueueDefinition {
            arguments = Map.copyOf(Objects.requireNonNullElse(arguments, Map.of()));
        }
    }

    public record BindingDefinition(
            String source,
            String vhost,
            String destination,
            String destinationType,
            String routingKey,
            Map<String, Object> arguments) {
        public static final String EXCHANGE = "exchange";
        public static final String QUEUE = "queue";

        public BindingDefinition {
            arguments = Map.copyOf(Objects.requireNonNullElse(arguments, Map.of()));
        }
    }
}
