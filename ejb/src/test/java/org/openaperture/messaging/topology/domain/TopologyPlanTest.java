package org.openaperture.messaging.topology.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.infrastructure.DefinitionsJson;

class TopologyPlanTest {
    static final Node AWS = new Node(1L, "AWS", "aws", null);
    static final Node US_EAST_1 = new Node(2L, "US-EAST-1", "us-east-1", 1L);
    static final Node US_WEST_1 = new Node(3L, "US-WEST-1", "us-west-1", 1L);
    static final List<Node> SEED = List.of(AWS, US_EAST_1, US_WEST_1);

    static Definitions seedDefinitionsFile() throws IOException {
        return DefinitionsJson.parse(Files.readString(Path.of("../server-config/rabbitmq/definitions.json")));
    }

    @Test
    void theSeedsHierarchyGivesExactlyTheCommittedDefinitionsJson() throws IOException {
        Definitions plan = TopologyPlan.of("/", SEED, null);
        Definitions file = seedDefinitionsFile();

        assertEquals(file.exchanges(), plan.exchanges());
        assertEquals(file.queues(), plan.queues());
        assertEquals(file.bindings(), plan.bindings());
        assertEquals(3, plan.exchanges().size());
        assertEquals(36, plan.queues().size());
        assertEquals(
                38, plan.bindings().size(), "a binding per component queue and its edge, and a build_logs edge each");
    }

    @Test
    void aComponentQueueDeadLettersThroughTheDefaultExchangeIntoItsErrorQueue() {
        Definitions plan = TopologyPlan.of("/", SEED, null);

        var builder = plan.queues().stream()
                .filter(q -> q.name().equals("aws:us-east-1.builder"))
                .findFirst()
                .orElseThrow();
        assertTrue(builder.durable());
        assertEquals(
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", "aws:us-east-1.builder_error"),
                builder.arguments());
    }

    @Test
    void aMessageForTheBuilderOfUsEast1TravelsFromTheRootToItsQueue() {
        Definitions plan = TopologyPlan.of("/", SEED, null);

        assertTrue(plan.bindings()
                .contains(
                        new BindingDefinition("AWS", "/", "US-EAST-1", "exchange", "aws.us-east-1.builder", Map.of())));
        assertTrue(plan.bindings()
                .contains(new BindingDefinition(
                        "US-EAST-1", "/", "aws:us-east-1.builder", "queue", "aws.us-east-1.builder", Map.of())));
    }

    @Test
    void aDeeperExchangeIsBoundAlongEveryEdgeFromTheRoot() {
        Node azA = new Node(4L, "AZ-A", "az-a", 2L);
        Definitions plan = TopologyPlan.of("/", List.of(AWS, US_EAST_1, azA), null);

        String key = "aws.us-east-1.az-a.deployer";
        assertTrue(plan.bindings().contains(new BindingDefinition("AWS", "/", "US-EAST-1", "exchange", key, Map.of())));
        assertTrue(
                plan.bindings().contains(new BindingDefinition("US-EAST-1", "/", "AZ-A", "exchange", key, Map.of())));
        assertTrue(plan.bindings()
                .contains(new BindingDefinition("AZ-A", "/", "aws:us-east-1.az-a.deployer", "queue", key, Map.of())));
        assertEquals(36, plan.queues().size(), "US-EAST-1 and AZ-A have queues, the root has none");
    }

    @Test
    void buildLogsTravelFromTheRootToEachExchangeWhereManagerNodesBindTheirOwnQueues() {
        Node azA = new Node(4L, "AZ-A", "az-a", 2L);
        Definitions plan = TopologyPlan.of("/", List.of(AWS, US_EAST_1, azA), null);

        String key = "aws.us-east-1.az-a.build_logs";
        assertTrue(plan.bindings().contains(new BindingDefinition("AWS", "/", "US-EAST-1", "exchange", key, Map.of())));
        assertTrue(
                plan.bindings().contains(new BindingDefinition("US-EAST-1", "/", "AZ-A", "exchange", key, Map.of())));
        assertTrue(
                plan.bindings().stream()
                        .noneMatch(b -> b.routingKey().endsWith(".build_logs")
                                && b.destinationType().equals("queue")),
                "no build-log queue in the plan");
        assertTrue(plan.queues().stream().noneMatch(q -> q.name().contains("build_logs")));
    }

    @Test
    void aRootAloneIsAnExchangeWithoutQueues() {
        Definitions plan = TopologyPlan.of("/", List.of(AWS), null);

        assertEquals(1, plan.exchanges().size());
        assertTrue(plan.queues().isEmpty());
        assertTrue(plan.bindings().isEmpty());
    }

    @Test
    void aRootNameLimitsThePlanToItsHierarchy() {
        Node other = new Node(9L, "GCP", "gcp", null);
        Node europe = new Node(10L, "EUROPE-WEST-1", "europe-west-1", 9L);
        Definitions plan = TopologyPlan.of("/", List.of(AWS, US_EAST_1, other, europe), "GCP");

        assertEquals(
                List.of("GCP", "EUROPE-WEST-1"),
                plan.exchanges().stream().map(e -> e.name()).toList());
        assertTrue(plan.queues().stream().allMatch(q -> q.name().startsWith("gcp:europe-west-1.")));
    }
}
