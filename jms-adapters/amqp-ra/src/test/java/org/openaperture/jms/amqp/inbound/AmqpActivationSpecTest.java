package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.RedeliveryPolicy;

@DisplayName("Activation spec")
class AmqpActivationSpecTest {

    private final AmqpResourceAdapter adapter = new AmqpResourceAdapter();
    private final AmqpActivationSpec spec = new AmqpActivationSpec();

    @Test
    @DisplayName("a queue name alone is enough: everything else comes from the adapter or the defaults")
    void queueNameAlone() throws Exception {
        adapter.setConnectionUrl("amqp://broker:5672");
        adapter.setUserName("app");
        adapter.setPassword("secret");
        adapter.setReconnectDelay(250L);
        adapter.setMaxDeliveryAttempts(3);
        spec.setDestination("orders");
        spec.setResourceAdapter(adapter);

        InboundConfig config = spec.resolve(adapter);

        assertEquals("orders", config.queue());
        assertEquals("/amq/queue/orders", config.sourceAddress());
        assertEquals("orders_error", config.errorQueue());
        assertEquals("/amq/queue/orders_error", config.errorAddress());
        assertEquals("amqp://broker:5672", config.connection().url());
        assertEquals("app", config.connection().userName());
        assertEquals("secret", config.connection().password());
        assertEquals(10_000, config.connection().sendTimeoutMs());
        assertEquals(1, config.maxSessions());
        assertEquals(10, config.prefetch());
        assertEquals(250, config.reconnectDelayMs());
        assertEquals(new RedeliveryPolicy(3, 500, 2.0, 30_000), config.redelivery());
    }

    @Test
    @DisplayName("values set on the spec win over the adapter's")
    void specWins() throws Exception {
        spec.setDestination("orders");
        spec.setAddressDialect("rabbitmq4");
        spec.setConnectionUrl("amqp://other:5673");
        spec.setUserName("mdb");
        spec.setPassword("pw");
        spec.setMaxSessions(4);
        spec.setPrefetch(2);
        spec.setMaxDeliveryAttempts(7);
        spec.setRedeliveryInitialDelay(100L);
        spec.setRedeliveryMultiplier(3.0);
        spec.setRedeliveryMaxDelay(900L);
        spec.setReconnectDelay(50L);
        spec.setErrorQueue("orders.dead");

        InboundConfig config = spec.resolve(adapter);

        assertEquals("/queues/orders", config.sourceAddress());
        assertEquals("/queues/orders.dead", config.errorAddress());
        assertEquals("amqp://other:5673", config.connection().url());
        assertEquals("mdb", config.connection().userName());
        assertEquals("pw", config.connection().password());
        assertEquals(4, config.maxSessions());
        assertEquals(2, config.prefetch());
        assertEquals(new RedeliveryPolicy(7, 100, 3.0, 900), config.redelivery());
        assertEquals(50, config.reconnectDelayMs());
    }

    @Test
    @DisplayName("a full address wins over a queue name, and the error queue is named after the queue in it")
    void destinationAddress() throws Exception {
        spec.setDestination("ignored");
        spec.setDestinationAddress("/amq/queue/aws:us-east-1.builder");

        InboundConfig config = spec.resolve(adapter);

        assertEquals("/amq/queue/aws:us-east-1.builder", config.sourceAddress());
        assertEquals("aws:us-east-1.builder", config.queue());
        assertEquals("/amq/queue/aws:us-east-1.builder_error", config.errorAddress());
    }

    @Test
    @DisplayName("an error queue starting with / is taken as a full address")
    void errorQueueAddress() throws Exception {
        spec.setDestination("orders");
        spec.setErrorQueue("/exchange/dead-letters/orders");

        assertEquals("/exchange/dead-letters/orders", spec.resolve(adapter).errorAddress());
    }

    @Test
    @DisplayName("validate() says what is missing when there is no destination")
    void noDestination() {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("destination"), e.getMessage());
        spec.setDestination("  ");
        assertThrows(InvalidPropertyException.class, spec::validate);
        spec.setDestination("orders");
        assertDoesNotThrow(spec::validate);
    }

    @Test
    @DisplayName("validate() rejects numbers out of range, naming the property")
    void outOfRange() {
        assertInvalid("maxSessions", s -> s.setMaxSessions(0));
        assertInvalid("prefetch", s -> s.setPrefetch(0));
        assertInvalid("maxDeliveryAttempts", s -> s.setMaxDeliveryAttempts(0));
        assertInvalid("redeliveryInitialDelay", s -> s.setRedeliveryInitialDelay(-5L));
        assertInvalid("redeliveryMultiplier", s -> s.setRedeliveryMultiplier(0.9));
        assertInvalid("redeliveryMaxDelay", s -> s.setRedeliveryMaxDelay(10L));
        assertInvalid("reconnectDelay", s -> s.setReconnectDelay(0L));
        assertInvalid("addressDialect", s -> s.setAddressDialect("activemq"));
        assertInvalid("errorQueue", s -> s.setErrorQueue("orders"));
    }

    @Test
    @DisplayName("validate() checks against the associated adapter's values")
    void validatesAgainstAdapter() throws Exception {
        spec.setDestination("orders");
        spec.setResourceAdapter(adapter);
        adapter.setMaxDeliveryAttempts(0);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("maxDeliveryAttempts"), e.getMessage());
    }

    @Test
    @DisplayName("no password is in the spec's string form, neither its own nor one in the URL")
    void noPasswordInToString() {
        spec.setPassword("s3cret");
        spec.setConnectionUrl("amqp://user:pw1@broker:5672?jms.password=pw2&amqp.idleTimeout=5");
        String text = spec.toString();
        assertFalse(text.contains("s3cret") || text.contains("pw1") || text.contains("pw2"), text);
        assertTrue(text.contains("connectionUrl=amqp://broker:5672,"), text);
    }

    private static void assertInvalid(String property, Consumer<AmqpActivationSpec> change) {
        AmqpActivationSpec invalid = new AmqpActivationSpec();
        invalid.setDestination("orders");
        change.accept(invalid);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, invalid::validate);
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }
}
