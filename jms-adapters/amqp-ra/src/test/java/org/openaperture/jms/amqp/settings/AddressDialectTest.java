package org.openaperture.jms.amqp.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Address dialects")
class AddressDialectTest {

    @Test
    @DisplayName("RabbitMQ 3.x: /amq/queue/<q> to consume and send, /exchange/<x>/<key> to publish, names verbatim")
    void rabbitmq3() {
        AddressDialect dialect = AddressDialect.RABBITMQ3;
        assertEquals("/amq/queue/aws:us-east-1.builder", dialect.queueSource("aws:us-east-1.builder"));
        assertEquals("/amq/queue/orders_error", dialect.queueTarget("orders_error"));
        assertEquals("/exchange/AWS/aws.us-east-1.builder", dialect.exchangeTarget("AWS", "aws.us-east-1.builder"));
        assertEquals("/exchange/amq.fanout", dialect.exchangeTarget("amq.fanout", null));
        assertEquals("/exchange/amq.fanout", dialect.exchangeTarget("amq.fanout", ""));
    }

    @Test
    @DisplayName("RabbitMQ 4.x: /queues/<q> and /exchanges/<x>/<key>, name segments percent-encoded")
    void rabbitmq4() {
        AddressDialect dialect = AddressDialect.RABBITMQ4;
        assertEquals("/queues/orders", dialect.queueSource("orders"));
        assertEquals("/queues/aws%3Aus-east-1.builder", dialect.queueTarget("aws:us-east-1.builder"));
        assertEquals("/exchanges/AWS/aws.us-east-1.builder", dialect.exchangeTarget("AWS", "aws.us-east-1.builder"));
        assertEquals("/exchanges/my%20exchange/a%2Fb", dialect.exchangeTarget("my exchange", "a/b"));
        assertEquals("/queues/caf%C3%A9", dialect.queueSource("café"));
    }

    @Test
    @DisplayName("the queue name comes back out of a queue address of either dialect")
    void queueNameOfAddress() {
        assertEquals("orders", AddressDialect.queueNameOf("/amq/queue/orders"));
        assertEquals("aws:us-east-1.builder", AddressDialect.queueNameOf("/queues/aws%3Aus-east-1.builder"));
        assertEquals("café", AddressDialect.queueNameOf("/queues/caf%C3%A9"));
        assertEquals("legacy", AddressDialect.queueNameOf("/queue/legacy"), "other addresses: last segment");
        assertEquals("plain", AddressDialect.queueNameOf("plain"));
    }

    @Test
    @DisplayName("queue addresses of either dialect are told apart from exchange and other addresses")
    void queueAddresses() {
        assertTrue(AddressDialect.isQueueAddress("/amq/queue/orders"));
        assertTrue(AddressDialect.isQueueAddress("/queues/orders"));
        assertFalse(AddressDialect.isQueueAddress("/exchange/amq.direct/orders"));
        assertFalse(AddressDialect.isQueueAddress("/queue/orders"), "declares a queue on 3.x: not a plain queue");
        assertFalse(AddressDialect.isQueueAddress("/amq/queue/"));
    }

    @Test
    @DisplayName("operators choose a dialect by name, case-insensitively")
    void fromConfig() {
        assertSame(AddressDialect.RABBITMQ3, AddressDialect.fromConfig("rabbitmq3"));
        assertSame(AddressDialect.RABBITMQ4, AddressDialect.fromConfig(" RabbitMQ4 "));
        assertNull(AddressDialect.fromConfig("activemq"));
        assertNull(AddressDialect.fromConfig(null));
    }

    @Test
    @DisplayName("an empty name is an error, not an address that hangs")
    void emptyNames() {
        assertThrows(IllegalArgumentException.class, () -> AddressDialect.RABBITMQ3.queueSource(""));
        assertThrows(IllegalArgumentException.class, () -> AddressDialect.RABBITMQ4.exchangeTarget(null, "k"));
    }
}
