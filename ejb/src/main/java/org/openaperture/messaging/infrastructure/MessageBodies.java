package org.openaperture.messaging.infrastructure;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.openaperture.messaging.domain.Envelope;

/**
 * Maps envelopes onto JMS messages and back: the JSON body as text, and the properties every message
 * carries ({@value #MESSAGE_ID}, {@value #TYPE}, {@value #SCHEMA_VERSION}). Reads the JSON text of a message. Publishers that are not ours (the RabbitMQ management API, AMQP 0-9-1
 * clients) often send bytes without a content type, so both text and bytes messages are accepted.
 */
public final class MessageBodies {
    public static final String MESSAGE_ID = "oa_message_id";
    public static final String TYPE = "oa_type";
    public static final String SCHEMA_VERSION = "oa_schema_version";

    private MessageBodies() {}

    /** A persistent text message with the envelope's body and properties. */
    public static TextMessage toMessage(Session session, Envelope envelope) throws JMSException {
        TextMessage text = session.createTextMessage(envelope.body());
        text.setJMSType(envelope.type());
        text.setStringProperty(MESSAGE_ID, envelope.messageId());
        text.setStringProperty(TYPE, envelope.type());
        text.setIntProperty(SCHEMA_VERSION, envelope.schemaVersion());
        return text;
    }

    /** The message's {@value #MESSAGE_ID}, or null when a publisher that is not ours left it out. */
    public static String messageId(Message message) {
        try {
            return message.getStringProperty(MESSAGE_ID);
        } catch (JMSException e) {
            return null;
        }
    }

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
