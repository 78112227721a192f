package org.openaperture.messaging.infrastructure;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.jms.amqp.AddressDialect;
import org.openaperture.messaging.application.ExchangeService;
import org.openaperture.messaging.domain.ExchangeHierarchy.Route;
import org.openaperture.messaging.outbox.OutboxMessage;
import org.openaperture.messaging.outbox.OutboxRelayRun;

/**
 * Sends outbox messages through the adapter's pooled connection factory: to the root exchange of the
 * target exchange with routing key {@code <routing key>.<queue>}, as a persistent text message whose send
 * the broker confirms. Each message carries its id, type and schema version as properties.
 */
@Stateless
@LocalBean
public class AmqpOutboxSender implements OutboxRelayRun.Sender {
    public static final String MESSAGE_ID = "oa_message_id";
    public static final String TYPE = "oa_type";
    public static final String SCHEMA_VERSION = "oa_schema_version";
    static final int CURRENT_SCHEMA = 1;

    /** Looked up when used: the operator creates the factory after deploying the application. */
    @Inject
    @ConfigProperty(
            name = "openaperture.broker.connection-factory",
            defaultValue = "jms/openaperture/ConnectionFactory")
    String connectionFactoryName;

    @Inject
    ExchangeService exchanges;

    @Inject
    @ConfigProperty(name = "openaperture.broker.address-dialect", defaultValue = "rabbitmq3")
    String dialect;

    @Override
    public void send(OutboxMessage message) {
        Route route = exchanges.getWithRoute(message.exchangeId()).route();
        String key = route.routingKeyFor(message.queue());
        String address = AddressDialect.fromConfig(dialect).exchangeTarget(route.rootExchangeName(), key);
        ConnectionFactory connections;
        try {
            connections = InitialContext.doLookup(connectionFactoryName);
        } catch (NamingException e) {
            throw new IllegalStateException(
                    "no connection factory " + connectionFactoryName + " (openaperture.broker.connection-factory)", e);
        }
        try (Connection connection = connections.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(address));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage text = session.createTextMessage(message.body());
            text.setJMSType(message.type());
            text.setStringProperty(MESSAGE_ID, message.id());
            text.setStringProperty(TYPE, message.type());
            text.setIntProperty(SCHEMA_VERSION, CURRENT_SCHEMA);
            producer.send(text);
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "cannot publish to exchange " + route.rootExchangeName() + " with key " + key + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
