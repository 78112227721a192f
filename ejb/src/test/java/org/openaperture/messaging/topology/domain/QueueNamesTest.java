package org.openaperture.messaging.topology.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

class QueueNamesTest {
    private static final Route US_EAST_1 = new Route("aws.us-east-1", "AWS");

    @Test
    void theQueueOfAComponentIsItsRoutingKeyWithTheFirstDotMadeAColon() {
        assertEquals("aws:us-east-1.builder", QueueNames.queueOf(US_EAST_1, "builder"));
    }

    @Test
    void deeperExchangesKeepTheirOtherDots() {
        assertEquals(
                "aws:us-east-1.az-a.deployer", QueueNames.queueOf(new Route("aws.us-east-1.az-a", "AWS"), "deployer"));
    }

    @Test
    void aQueueDeadLettersIntoItsErrorQueue() {
        assertEquals("aws:us-east-1.builder_error", QueueNames.errorQueueOf("aws:us-east-1.builder"));
    }

    @Test
    void theExchangePartOfAQueueNameIsWhatComesBeforeTheComponent() {
        assertEquals("aws:us-east-1", QueueNames.exchangePartOf("aws:us-east-1.system_modules_error"));
    }

    @Test
    void theNodesDefaultQueueFollowsTheRule() {
        // openaperture.queue.system_modules defaults to this name (README, glassfish-ejb-jar.xml)
        assertEquals("aws:us-east-1.system_modules", QueueNames.queueOf(US_EAST_1, "system_modules"));
    }

    @Test
    void aManagerNodeHasABuildLogQueueOfItsOwn() {
        String queue = QueueNames.nodeBuildLogQueueOf(US_EAST_1, "vm-8080");

        assertEquals("aws:us-east-1.manager.build_logs.vm-8080", queue);
        assertEquals(true, QueueNames.isNodeBuildLogQueue(queue));
        assertEquals(true, QueueNames.isNodeBuildLogQueue(QueueNames.errorQueueOf(queue)));
        assertEquals(false, QueueNames.isNodeBuildLogQueue("aws:us-east-1.builder"));
    }
}
