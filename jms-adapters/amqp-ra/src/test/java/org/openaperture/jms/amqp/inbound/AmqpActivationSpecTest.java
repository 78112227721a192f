package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.settings.RedeliveryPolicy;
import org.openaperture.jms.amqp.settings.UnavailableExceptions;

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
        assertEquals("/amq/queue/orders", config.primary().sourceAddress());
        assertEquals("orders_error", config.primary().errorQueue());
        assertEquals("/amq/queue/orders_error", config.primary().errorAddress());
        assertEquals("amqp://broker:5672", config.primary().connection().url());
        assertEquals("app", config.primary().connection().userName());
        assertEquals("secret", config.primary().connection().password());
        assertEquals(10_000, config.primary().connection().sendTimeoutMs());
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

        assertEquals("/queues/orders", config.primary().sourceAddress());
        assertEquals("/queues/orders.dead", config.primary().errorAddress());
        assertEquals("amqp://other:5673", config.primary().connection().url());
        assertEquals("mdb", config.primary().connection().userName());
        assertEquals("pw", config.primary().connection().password());
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

        assertEquals("/amq/queue/aws:us-east-1.builder", config.primary().sourceAddress());
        assertEquals("aws:us-east-1.builder", config.queue());
        assertEquals("/amq/queue/aws:us-east-1.builder_error", config.primary().errorAddress());
    }

    @Test
    @DisplayName("an error queue starting with / is taken as a full address")
    void errorQueueAddress() throws Exception {
        spec.setDestination("orders");
        spec.setErrorQueue("/exchange/dead-letters/orders");

        assertEquals(
                "/exchange/dead-letters/orders", spec.resolve(adapter).primary().errorAddress());
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

    @Test
    @DisplayName("without a failover broker there is no failover, and the failover settings have their defaults")
    void noFailoverByDefault() throws Exception {
        spec.setDestination("orders");

        InboundConfig config = spec.resolve(adapter);

        assertNull(config.failover());
        assertEquals(5, config.failoverAfterAttempts());
        assertFalse(config.failBack());
        assertEquals(30_000, config.failBackIntervalMs());
    }

    @Test
    @DisplayName("a failover URL alone: the same queue and error queue there, the primary's credentials and timeouts")
    void failoverUrlAlone() throws Exception {
        adapter.setUserName("app");
        adapter.setPassword("secret");
        adapter.setRequestTimeout(3_000L);
        spec.setDestination("orders");
        spec.setErrorQueue("orders.dead");
        spec.setFailoverConnectionUrl("amqp://backup:5672");

        BrokerQueue failover = spec.resolve(adapter).failover();

        assertEquals("amqp://backup:5672", failover.connection().url());
        assertEquals("app", failover.connection().userName());
        assertEquals("secret", failover.connection().password());
        assertEquals(3_000, failover.connection().requestTimeoutMs());
        assertEquals("orders", failover.queue());
        assertEquals("/amq/queue/orders", failover.sourceAddress());
        assertEquals("orders.dead", failover.errorQueue(), "the same queue keeps the same error queue");
        assertEquals("/amq/queue/orders.dead", failover.errorAddress());
    }

    @Test
    @DisplayName("the adapter's failover broker and settings apply to every activation that sets none")
    void adapterFailoverDefaults() throws Exception {
        adapter.setFailoverConnectionUrl("amqp://backup:5672");
        adapter.setFailoverUserName("backup-user");
        adapter.setFailoverPassword("backup-secret");
        adapter.setFailoverAfterAttempts(3);
        adapter.setFailBack(true);
        adapter.setFailBackInterval(10_000L);
        spec.setDestination("orders");

        InboundConfig config = spec.resolve(adapter);

        assertEquals("amqp://backup:5672", config.failover().connection().url());
        assertEquals("backup-user", config.failover().connection().userName());
        assertEquals("backup-secret", config.failover().connection().password());
        assertEquals(3, config.failoverAfterAttempts());
        assertTrue(config.failBack());
        assertEquals(10_000, config.failBackIntervalMs());
    }

    @Test
    @DisplayName("failover values set on the spec win; a failover queue gets its own error queue, by the dialect")
    void failoverSpecWins() throws Exception {
        adapter.setFailoverConnectionUrl("amqp://adapter-backup:5672");
        adapter.setFailoverUserName("backup-user");
        spec.setDestination("orders");
        spec.setAddressDialect("rabbitmq4");
        spec.setFailoverConnectionUrl("amqp://backup:5672");
        spec.setFailoverUserName("mdb-backup");
        spec.setFailoverPassword("pw");
        spec.setFailoverDestination("orders failover");
        spec.setFailoverAfterAttempts(2);
        spec.setFailBack(true);
        spec.setFailBackInterval(500L);

        InboundConfig config = spec.resolve(adapter);
        BrokerQueue failover = config.failover();

        assertEquals("amqp://backup:5672", failover.connection().url());
        assertEquals("mdb-backup", failover.connection().userName());
        assertEquals("pw", failover.connection().password());
        assertEquals("orders failover", failover.queue());
        assertEquals("/queues/orders%20failover", failover.sourceAddress());
        assertEquals("orders failover_error", failover.errorQueue());
        assertEquals("/queues/orders%20failover_error", failover.errorAddress());
        assertEquals(2, config.failoverAfterAttempts());
        assertTrue(config.failBack());
        assertEquals(500, config.failBackIntervalMs());
        assertEquals("orders", config.queue(), "the activation is still named after its primary queue");
    }

    @Test
    @DisplayName("a failover address wins over a failover queue name; a failover error queue starting with / is"
            + " an address")
    void failoverAddresses() throws Exception {
        spec.setDestination("orders");
        spec.setFailoverConnectionUrl("amqp://backup:5672");
        spec.setFailoverDestination("ignored");
        spec.setFailoverDestinationAddress("/queues/orders-v4");

        BrokerQueue failover = spec.resolve(adapter).failover();
        assertEquals("/queues/orders-v4", failover.sourceAddress());
        assertEquals("orders-v4", failover.queue());
        assertEquals("/amq/queue/orders-v4_error", failover.errorAddress(), "named by the adapter's dialect");

        spec.setFailoverErrorQueue("/queues/orders-v4_error");
        assertEquals("/queues/orders-v4_error", spec.resolve(adapter).failover().errorAddress());
    }

    @Test
    @DisplayName("validate() refuses failover settings that would do nothing or make no sense, naming them")
    void invalidFailover() {
        assertInvalid("failoverUserName, failBack", s -> {
            s.setFailoverUserName("backup");
            s.setFailBack(true);
        });
        AmqpActivationSpec queueNamedForAFailoverBrokerElsewhere = new AmqpActivationSpec();
        queueNamedForAFailoverBrokerElsewhere.setDestination("orders");
        queueNamedForAFailoverBrokerElsewhere.setFailoverDestination("orders-dr");
        queueNamedForAFailoverBrokerElsewhere.setFailoverErrorQueue("orders-dr_error");
        assertDoesNotThrow(queueNamedForAFailoverBrokerElsewhere::validate, "the descriptor names it for every server");
        assertInvalid("failoverPassword", s -> s.setFailoverPassword("pw"));
        assertInvalid("failoverAfterAttempts", s -> s.setFailoverAfterAttempts(3));
        assertInvalid("failoverAfterAttempts", s -> {
            s.setFailoverConnectionUrl("amqp://backup:5672");
            s.setFailoverAfterAttempts(0);
        });
        assertInvalid("failBackInterval", s -> {
            s.setFailoverConnectionUrl("amqp://backup:5672");
            s.setFailBackInterval(99L);
        });
        assertInvalid("failoverErrorQueue", s -> {
            s.setFailoverConnectionUrl("amqp://backup:5672");
            s.setFailoverErrorQueue("orders");
        });
        assertInvalid("failover is the primary itself", s -> {
            s.setConnectionUrl("amqp://broker:5672");
            s.setFailoverConnectionUrl(" amqp://broker:5672 ");
        });
        AmqpActivationSpec sameBrokerOtherQueue = new AmqpActivationSpec();
        sameBrokerOtherQueue.setDestination("orders");
        sameBrokerOtherQueue.setConnectionUrl("amqp://broker:5672");
        sameBrokerOtherQueue.setFailoverConnectionUrl("amqp://broker:5672");
        sameBrokerOtherQueue.setFailoverDestination("orders-2");
        assertDoesNotThrow(sameBrokerOtherQueue::validate);
    }

    @Test
    @DisplayName("validate() checks the adapter's failover defaults too")
    void validatesAdapterFailoverDefaults() throws Exception {
        spec.setDestination("orders");
        spec.setResourceAdapter(adapter);
        adapter.setFailoverConnectionUrl("amqp://backup:5672");
        adapter.setFailoverAfterAttempts(0);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, spec::validate);
        assertTrue(e.getMessage().contains("failoverAfterAttempts"), e.getMessage());
    }

    @Test
    @DisplayName("no failover password is in the spec's string form either")
    void noFailoverPasswordInToString() {
        spec.setFailoverPassword("s3cret");
        spec.setFailoverConnectionUrl("amqp://user:pw1@backup:5672?jms.password=pw2");
        String text = spec.toString();
        assertFalse(text.contains("s3cret") || text.contains("pw1") || text.contains("pw2"), text);
        assertTrue(text.contains("failoverConnectionUrl=amqp://backup:5672,"), text);
    }

    private static void assertInvalid(String property, Consumer<AmqpActivationSpec> change) {
        AmqpActivationSpec invalid = new AmqpActivationSpec();
        invalid.setDestination("orders");
        change.accept(invalid);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, invalid::validate);
        assertTrue(e.getMessage().contains(property), e.getMessage());
    }

    @Test
    @DisplayName("every setter is a writable JavaBeans property: WildFly sets activation properties through java.beans")
    void everySetterIsAWritableJavaBeansProperty() throws Exception {
        Map<String, PropertyDescriptor> properties = new HashMap<>();
        for (PropertyDescriptor p :
                Introspector.getBeanInfo(AmqpActivationSpec.class).getPropertyDescriptors()) {
            properties.put(p.getName(), p);
        }
        for (Method setter : AmqpActivationSpec.class.getMethods()) {
            if (setter.getName().startsWith("set") && setter.getParameterCount() == 1) {
                String name = Introspector.decapitalize(setter.getName().substring(3));
                PropertyDescriptor property = properties.get(name);
                assertTrue(
                        property != null && setter.equals(property.getWriteMethod()),
                        name
                                + " is not writable as a JavaBeans property (a getter of another type beside its setter?)");
            }
        }
    }

    @Test
    @DisplayName(
            "active=false: the adapter accepts the endpoint and starts nothing (no broker, not even a started adapter)")
    void switchedOff() throws Exception {
        spec.setDestination("orders");
        assertFalse(spec.switchedOff());
        spec.setActive(false);
        assertTrue(spec.switchedOff());

        assertDoesNotThrow(() -> adapter.endpointActivation(null, spec));
        adapter.endpointDeactivation(null, spec);

        spec.setActive(true);
        assertThrows(
                jakarta.resource.spi.ResourceAdapterInternalException.class,
                () -> adapter.endpointActivation(null, spec));
    }

    @Test
    @DisplayName("unavailableExceptions: the adapter's list by default, the spec's list when set (replacing it)")
    void unavailableExceptions() throws Exception {
        spec.setDestination("orders");
        assertEquals(
                UnavailableExceptions.defaults().classNames(),
                spec.resolve(adapter).unavailable().classNames());

        adapter.setUnavailableExceptions("java.net.ConnectException,com.example.DownException");
        assertEquals(
                List.of("java.net.ConnectException", "com.example.DownException"),
                spec.resolve(adapter).unavailable().classNames());

        spec.setUnavailableExceptions(" java.io.IOException ");
        assertEquals(
                List.of("java.io.IOException"),
                spec.resolve(adapter).unavailable().classNames());
    }

    @Test
    @DisplayName("validate() refuses a blank entry in unavailableExceptions, and the adapter refuses to start with one")
    void unavailableExceptionsBlankEntry() {
        assertInvalid(
                "unavailableExceptions has a blank entry",
                s -> s.setUnavailableExceptions("java.net.ConnectException,,java.io.IOException"));
        adapter.setUnavailableExceptions("java.net.ConnectException,");
        ResourceAdapterInternalException e =
                assertThrows(ResourceAdapterInternalException.class, () -> adapter.start(null));
        assertTrue(e.getMessage().contains("UnavailableExceptions has a blank entry"), e.getMessage());
    }
}
