package org.openaperture.testsupport;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Publishes many messages fast over plain AMQP 1.0 (Qpid JMS, asynchronous sends) to a RabbitMQ 3 exchange
 * with a routing key, as a fleet of components would. Timeouts everywhere, as in {@link AmqpQueue}.
 */
public final class AmqpSender implements AutoCloseable {
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;

    private AmqpSender(String exchange, String routingKey) throws JMSException {
        JmsConnectionFactory factory = new JmsConnectionFactory(
                System.getProperty("it.amqp.user", "guest"),
                System.getProperty("it.amqp.password", "guest"),
                System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672"));
        factory.setConnectTimeout(10_000);
        factory.setRequestTimeout(10_000);
        factory.setSendTimeout(10_000);
        factory.setCloseTimeout(10_000);
        factory.setForceAsyncSend(true);
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(session.createQueue("/exchange/" + exchange + "/" + routingKey));
    }

    /** A sender to {@code exchange} with {@code routingKey}. */
    public static AmqpSender to(String exchange, String routingKey) {
        try {
            return new AmqpSender(exchange, routingKey);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot open a sender to " + exchange + ": " + e.getMessage(), e);
        }
    }

    public void send(String body) {
        send(body, java.util.Map.of());
    }

    /** Sends {@code body} with string properties, e.g. the {@code oa_message_id} OpenAperture's consumers record. */
    public void send(String body, java.util.Map<String, String> properties) {
        try {
            TextMessage message = session.createTextMessage(body);
            for (var property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            producer.send(message);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot send: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot close: " + e.getMessage(), e);
        }
    }
}
