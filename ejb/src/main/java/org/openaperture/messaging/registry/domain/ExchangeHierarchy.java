package org.openaperture.messaging.registry.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openaperture.common.domain.InvalidRequestException;

/**
 * The routing-key rule, in one place: a message for logical queue {@code q} in exchange E is published to
 * the root of E's hierarchy with routing key {@code <E's routing key>.q}, where E's routing key is the
 * routing-key fragments from the root down to E joined with dots (US-EAST-1 under AWS: {@code aws.us-east-1},
 * root {@code AWS}). Also guards the hierarchy on write: a parent must exist and must not make a cycle.
 */
public final class ExchangeHierarchy {

    /** The part of an exchange the rule looks at. */
    public record Node(Long id, String name, String routingKeyFragment, Long parentId) {}

    /** Where messages for an exchange go: the root exchange and the exchange's routing key. */
    public record Route(String routingKey, String rootExchangeName) {
        /** The routing key of a logical queue (a component) in the exchange, e.g. {@code aws.us-east-1.builder}. */
        public String routingKeyFor(String logicalQueue) {
            return routingKey + "." + Objects.requireNonNull(logicalQueue, "logicalQueue");
        }
    }

    private final Function<Long, Optional<Node>> lookup;

    /** @param lookup finds an exchange by id, empty when there is none */
    public ExchangeHierarchy(Function<Long, Optional<Node>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /**
     * Computes the route of an exchange by walking up through its parents. A null fragment is rendered as
     * the empty string (as the original did); a parent that no longer exists ends the walk.
     *
     * @throws IllegalStateException when the stored hierarchy has a cycle (writes reject cycles, so this
     *         means the data was changed behind the application's back)
     */
    public Route routeOf(Node exchange) {
        String key = null;
        Node root = exchange;
        Set<Long> seen = new LinkedHashSet<>();
        for (Node current = exchange;
                current != null;
                current = parentOf(current).orElse(null)) {
            if (current.id() != null && !seen.add(current.id())) {
                throw new IllegalStateException("exchange hierarchy of " + exchange.name() + " has a cycle");
            }
            String fragment = current.routingKeyFragment();
            key = key == null ? fragment : (fragment == null ? "" : fragment) + "." + key;
            root = current;
        }
        return new Route(key == null ? "" : key, root.name());
    }

    /**
     * Checks that {@code exchange} may have {@code parentId} as its parent: the parent exists and the
     * exchange is not among the parent's ancestors (or the parent itself).
     *
     * @throws InvalidRequestException naming {@code parent_exchange_id} and what is wrong
     */
    public void checkParent(Node exchange, Long parentId) {
        if (parentId == null) {
            return;
        }
        Node parent = lookup.apply(parentId)
                .orElseThrow(() -> new InvalidRequestException(
                        "parent_exchange_id", "parent exchange " + parentId + " does not exist"));
        if (exchange.id() == null) {
            return;
        }
        List<Node> chain = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (Node current = parent; current != null; current = parentOf(current).orElse(null)) {
            chain.add(current);
            if (Objects.equals(current.id(), exchange.id()) || !seen.add(current.id())) {
                throw cycle(exchange, parent, chain);
            }
        }
    }

    private static InvalidRequestException cycle(Node exchange, Node parent, List<Node> chain) {
        String path = chain.stream().map(Node::name).collect(Collectors.joining(" -> "));
        return new InvalidRequestException(
                "parent_exchange_id",
                "making " + exchange.name() + " a child of " + parent.name() + " would create a cycle: "
                        + exchange.name() + " -> " + path);
    }

    private Optional<Node> parentOf(Node node) {
        return node.parentId() == null ? Optional.empty() : lookup.apply(node.parentId());
    }
}
