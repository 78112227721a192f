package org.openaperture.messaging.topology.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.ExchangeDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;

/**
 * What a live broker lacks, has on top, or has otherwise, compared with a plan.
 *
 * <ul>
 *   <li>{@code missing}: planned exchanges, queues and bindings the broker does not have; applying the plan
 *       declares exactly these;
 *   <li>{@code extra}: bindings out of a planned exchange that the plan does not have, and queues named like
 *       the plan's queues (same {@code <exchange part>.}) that the plan does not have. Other objects of the
 *       vhost (amq.* exchanges, other applications' queues) are none of the plan's business, and neither are
 *       the build-log queues Manager nodes declare for themselves, nor their bindings;
 *   <li>{@code different}: a planned exchange or queue that exists with other properties. RabbitMQ never
 *       redeclares those: an operator must delete the object, then apply.
 * </ul>
 */
public record TopologyDrift(Definitions missing, Definitions extra, List<Difference> different) {

    /** One property of one exchange or queue that differs: {@code kind} is {@code exchange} or {@code queue}. */
    public record Difference(String kind, String name, String property, Object planned, Object live) {}

    public TopologyDrift {
        different = List.copyOf(different);
    }

    public boolean inSync() {
        return missing.declaresNothing() && extra.declaresNothing() && different.isEmpty();
    }

    public static TopologyDrift between(Definitions plan, Definitions live) {
        Map<String, ExchangeDefinition> liveExchanges = index(live.exchanges(), ExchangeDefinition::name);
        Map<String, QueueDefinition> liveQueues = index(live.queues(), QueueDefinition::name);
        Set<BindingDefinition> liveBindings =
                live.bindings().stream().map(TopologyDrift::normal).collect(Collectors.toSet());
        List<Difference> different = new ArrayList<>();

        List<ExchangeDefinition> missingExchanges = new ArrayList<>();
        for (ExchangeDefinition planned : plan.exchanges()) {
            ExchangeDefinition found = liveExchanges.get(planned.name());
            if (found == null) {
                missingExchanges.add(planned);
                continue;
            }
            compare(different, "exchange", planned.name(), "type", planned.type(), found.type());
            compare(different, "exchange", planned.name(), "durable", planned.durable(), found.durable());
            compare(different, "exchange", planned.name(), "auto_delete", planned.autoDelete(), found.autoDelete());
            compare(different, "exchange", planned.name(), "internal", planned.internal(), found.internal());
            compare(
                    different,
                    "exchange",
                    planned.name(),
                    "arguments",
                    normal(planned.arguments()),
                    normal(found.arguments()));
        }
        List<QueueDefinition> missingQueues = new ArrayList<>();
        for (QueueDefinition planned : plan.queues()) {
            QueueDefinition found = liveQueues.get(planned.name());
            if (found == null) {
                missingQueues.add(planned);
                continue;
            }
            compare(different, "queue", planned.name(), "durable", planned.durable(), found.durable());
            compare(different, "queue", planned.name(), "auto_delete", planned.autoDelete(), found.autoDelete());
            compare(
                    different,
                    "queue",
                    planned.name(),
                    "arguments",
                    normal(planned.arguments()),
                    normal(found.arguments()));
        }
        List<BindingDefinition> missingBindings = plan.bindings().stream()
                .filter(b -> !liveBindings.contains(normal(b)))
                .toList();

        Set<String> plannedExchanges =
                plan.exchanges().stream().map(ExchangeDefinition::name).collect(Collectors.toSet());
        Set<BindingDefinition> plannedBindings =
                plan.bindings().stream().map(TopologyDrift::normal).collect(Collectors.toSet());
        List<BindingDefinition> extraBindings = live.bindings().stream()
                .filter(b -> plannedExchanges.contains(b.source()) && !plannedBindings.contains(normal(b)))
                .filter(b -> !(BindingDefinition.QUEUE.equals(b.destinationType())
                        && QueueNames.isNodeBuildLogQueue(b.destination())))
                .toList();
        Set<String> plannedQueues =
                new HashSet<>(plan.queues().stream().map(QueueDefinition::name).toList());
        Set<String> queueParts =
                plannedQueues.stream().map(QueueNames::exchangePartOf).collect(Collectors.toSet());
        List<QueueDefinition> extraQueues = live.queues().stream()
                .filter(q ->
                        !plannedQueues.contains(q.name()) && queueParts.contains(QueueNames.exchangePartOf(q.name())))
                .toList();

        return new TopologyDrift(
                new Definitions(missingExchanges, missingQueues, missingBindings),
                new Definitions(List.of(), extraQueues, extraBindings),
                different);
    }

    private static void compare(
            List<Difference> into, String kind, String name, String property, Object planned, Object live) {
        if (!Objects.equals(planned, live)) {
            into.add(new Difference(kind, name, property, planned, live));
        }
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        Map<String, T> byName = new HashMap<>();
        items.forEach(i -> byName.put(name.apply(i), i));
        return byName;
    }

    /** Arguments read from JSON carry numbers as BigDecimal; the plan may hold Integers. */
    private static Map<String, Object> normal(Map<String, Object> arguments) {
        Map<String, Object> normal = new HashMap<>();
        arguments.forEach(
                (k, v) -> normal.put(k, v instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros() : v));
        return normal;
    }

    private static BindingDefinition normal(BindingDefinition b) {
        return new BindingDefinition(
                b.source(), b.vhost(), b.destination(), b.destinationType(), b.routingKey(), normal(b.arguments()));
    }
}
