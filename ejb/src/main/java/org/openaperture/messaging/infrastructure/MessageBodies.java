package org.openaperture.messaging.infrastructure;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON text of a message. Publishers that are not ours (the RabbitMQ management API, AMQP 0-9-1
 * clients) often send bytes without a content type, so both text and bytes messages are accepted.
 */
public final class MessageBodies {

    private MessageBodies() {}

    public static String text(Message message) {
        try {
            if (message instanceof TextMessage text) {
                return text.getText();
            }
            if (message instanceof BytesMessage bytes) {
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                return new String(body, StandardCharsets.UTF_8);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read message body: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("expected a text or bytes message with JSON, got "
                + message.getClass().getSimpleName());
    }
}
