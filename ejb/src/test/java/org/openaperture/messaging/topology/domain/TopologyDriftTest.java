package org.openaperture.messaging.topology.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.ExchangeDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;

class TopologyDriftTest {
    private final Definitions plan = TopologyPlan.of("/", TopologyPlanTest.SEED, null);

    @Test
    void aBrokerWithTheSeedsDefinitionsIsInSync() throws Exception {
        TopologyDrift drift = TopologyDrift.between(plan, TopologyPlanTest.seedDefinitionsFile());

        assertTrue(drift.inSync(), drift.toString());
    }

    @Test
    void aBindingDeletedByHandIsMissingAndNothingElse() {
        BindingDefinition deleted = plan.bindings().get(1);
        List<BindingDefinition> live = new ArrayList<>(plan.bindings());
        live.remove(deleted);

        TopologyDrift drift = TopologyDrift.between(plan, new Definitions(plan.exchanges(), plan.queues(), live));

        assertEquals(new Definitions(List.of(), List.of(), List.of(deleted)), drift.missing());
        assertTrue(drift.extra().declaresNothing());
        assertTrue(drift.different().isEmpty());
    }

    @Test
    void aBindingOrAQueueOfThePlansExchangesThatThePlanLacksIsExtra() {
        BindingDefinition stray =
                new BindingDefinition("AWS", "/", "US-EAST-1", "exchange", "aws.us-east-1.#", Map.of());
        QueueDefinition strayQueue = new QueueDefinition("aws:us-east-1.old_component", "/", true, false, Map.of());
        QueueDefinition foreign = new QueueDefinition("someone-elses-queue", "/", true, false, Map.of());
        BindingDefinition foreignBinding =
                new BindingDefinition("amq.topic", "/", "someone-elses-queue", "queue", "#", Map.of());
        Definitions live = new Definitions(
                plan.exchanges(),
                concat(plan.queues(), List.of(strayQueue, foreign)),
                concat(plan.bindings(), List.of(stray, foreignBinding)));

        TopologyDrift drift = TopologyDrift.between(plan, live);

        assertEquals(new Definitions(List.of(), List.of(strayQueue), List.of(stray)), drift.extra());
        assertTrue(drift.missing().declaresNothing());
    }

    @Test
    void theBuildLogQueuesManagerNodesDeclareForThemselvesAreNoDrift() {
        QueueDefinition node = new QueueDefinition(
                "aws:us-east-1.manager.build_logs.vm-8080", "/", false, false, Map.of("x-expires", 600000));
        QueueDefinition nodeErrors = new QueueDefinition(
                "aws:us-east-1.manager.build_logs.vm-8080_error", "/", false, false, Map.of("x-expires", 600000));
        BindingDefinition binding =
                new BindingDefinition("US-EAST-1", "/", node.name(), "queue", "aws.us-east-1.build_logs", Map.of());
        Definitions live = new Definitions(
                plan.exchanges(),
                concat(plan.queues(), List.of(node, nodeErrors)),
                concat(plan.bindings(), List.of(binding)));

        assertTrue(TopologyDrift.between(plan, live).inSync());
    }

    @Test
    void aQueueWithOtherArgumentsIsDifferentAndNotMissing() {
        List<QueueDefinition> live = new ArrayList<>(plan.queues());
        QueueDefinition planned = live.remove(0);
        live.add(new QueueDefinition(
                planned.name(), "/", true, false, Map.of("x-message-ttl", new BigDecimal("60000"))));

        TopologyDrift drift = TopologyDrift.between(plan, new Definitions(plan.exchanges(), live, plan.bindings()));

        assertTrue(drift.missing().declaresNothing());
        assertEquals(1, drift.different().size());
        assertEquals("queue", drift.different().get(0).kind());
        assertEquals(planned.name(), drift.different().get(0).name());
        assertEquals("arguments", drift.different().get(0).property());
    }

    @Test
    void anExchangeOfAnotherTypeIsDifferent() {
        List<ExchangeDefinition> live = new ArrayList<>(plan.exchanges());
        live.set(0, new ExchangeDefinition("AWS", "/", "direct", true, false, false, Map.of()));

        TopologyDrift drift = TopologyDrift.between(plan, new Definitions(live, plan.queues(), plan.bindings()));

        assertEquals(
                List.of(new TopologyDrift.Difference("exchange", "AWS", "type", "topic", "direct")), drift.different());
    }

    @Test
    void anEmptyBrokerMissesThePlanWhole() {
        TopologyDrift drift = TopologyDrift.between(plan, new Definitions(List.of(), List.of(), List.of()));

        assertEquals(plan, drift.missing());
    }

    @Test
    void numericArgumentsCompareByValue() {
        Definitions withTtl = new Definitions(
                List.of(),
                List.of(new QueueDefinition("q", "/", true, false, Map.of("x-message-ttl", 60000))),
                List.of());
        Definitions live = new Definitions(
                List.of(),
                List.of(new QueueDefinition("q", "/", true, false, Map.of("x-message-ttl", new BigDecimal("60000")))),
                List.of());

        assertTrue(TopologyDrift.between(withTtl, live).inSync());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
