package org.openaperture.buildlog.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;
import org.openaperture.messaging.topology.domain.TopologyDrift;
import org.openaperture.messaging.topology.domain.TopologyPlan;

class NodeBuildLogTopologyTest {
    static final List<Node> SEED = List.of(
            new Node(1L, "AWS", "aws", null),
            new Node(2L, "US-EAST-1", "us-east-1", 1L),
            new Node(3L, "US-WEST-1", "us-west-1", 1L));
    static final String QUEUE = "aws:us-east-1.manager.build_logs.vm-8080";
    static final String KEY = "aws.us-east-1.build_logs";

    final Definitions plan = TopologyPlan.of("/", SEED, null);
    final Definitions node = NodeBuildLogTopology.of("/", QUEUE, "US-EAST-1", KEY, plan.bindings());

    @Test
    void aNodeOfUsEast1GetsItsQueueBoundToItsExchangeAndTheEdgeFromTheRoot() {
        assertEquals(
                List.of(
                        new BindingDefinition("AWS", "/", "US-EAST-1", "exchange", KEY, Map.of()),
                        new BindingDefinition("US-EAST-1", "/", QUEUE, "queue", KEY, Map.of())),
                node.bindings());
        assertTrue(node.exchanges().isEmpty(), "the plan declares exchanges");
    }

    @Test
    void theQueueExpiresWithoutItsNodeAndDropsStaleLinesWhileItsErrorQueueKeepsDeadLetters() {
        assertEquals(
                List.of(
                        new QueueDefinition(
                                QUEUE, "/", true, false, Map.of("x-expires", 600_000L, "x-message-ttl", 60_000L)),
                        new QueueDefinition(QUEUE + "_error", "/", true, false, Map.of())),
                node.queues());
    }

    @Test
    void whatANodeDeclaresIsNoDriftAgainstThePlan() {
        Definitions live = new Definitions(
                plan.exchanges(),
                concat(plan.queues(), node.queues()),
                concat(plan.bindings(), node.bindings()).stream().distinct().toList());

        assertTrue(TopologyDrift.between(plan, live).inSync());
    }

    @Test
    void aBrokerThatHasItAllNeedsNothingDeclared() {
        Definitions live = new Definitions(plan.exchanges(), node.queues(), plan.bindings());

        Definitions missing = TopologyDrift.between(node, live).missing();

        assertEquals(
                List.of(new BindingDefinition("US-EAST-1", "/", QUEUE, "queue", KEY, Map.of())), missing.bindings());
        assertTrue(missing.queues().isEmpty());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
