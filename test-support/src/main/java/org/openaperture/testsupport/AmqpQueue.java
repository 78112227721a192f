package org.openaperture.testsupport;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Reads a queue over AMQP 1.0 with a plain Qpid JMS client, with the settings that keep RabbitMQ 3.x's AMQP
 * 1.0 plugin out of trouble (timeouts everywhere, no drain).
 */
public final class AmqpQueue {

    /** What a test looks at in a message: its body as text and its application properties. */
    public record Received(String body, Map<String, Object> properties) {}

    private AmqpQueue() {}

    public static Optional<Received> receive(String queue, Duration timeout) {
        JmsConnectionFactory factory = new JmsConnectionFactory(
                System.getProperty("it.amqp.user", "guest"),
                System.getProperty("it.amqp.password", "guest"),
                System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672"));
        factory.setConnectTimeout(10_000);
        factory.setRequestTimeout(10_000);
        factory.setCloseTimeout(10_000);
        factory.setReceiveLocalOnly(true);
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("/amq/queue/" + queue));
            Message message = consumer.receive(timeout.toMillis());
            return Optional.ofNullable(message).map(AmqpQueue::read);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read queue " + queue + ": " + e.getMessage(), e);
        }
    }

    private static Received read(Message message) {
        try {
            Map<String, Object> properties = new HashMap<>();
            for (Object name : Collections.list(message.getPropertyNames())) {
                properties.put((String) name, message.getObjectProperty((String) name));
            }
            String body;
            if (message instanceof TextMessage text) {
                body = text.getText();
            } else if (message instanceof BytesMessage bytes) {
                byte[] data = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(data);
                body = new String(data, StandardCharsets.UTF_8);
            } else {
                body = null;
            }
            return new Received(body, properties);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
