package org.openaperture.messaging.publish.infrastructure;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ServiceConfigurationError;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.common.domain.JsonLimits;
import org.openaperture.messaging.publish.domain.Envelope;

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

    /**
     * The message's {@value #MESSAGE_ID}; for a publisher that is not ours and left it out, its JMS message id
     * (an AMQP 0-9-1 publisher's {@code message_id}: RabbitMQ's AMQP 1.0 plugin passes that property on and drops
     * 0-9-1 headers; a redelivery keeps it). Null when the message has neither.
     */
    public static String messageId(Message message) {
        try {
            String id = message.getStringProperty(MESSAGE_ID);
            if (id == null || id.isBlank()) {
                id = message.getJMSMessageID();
            }
            return id == null || id.isBlank() ? null : id;
        } catch (JMSException e) {
            return null;
        }
    }

    /**
     * The message's JSON text. A body over the {@link JsonLimits limits} of messages can never be processed:
     * that throws {@link MessageFormatRuntimeException}, which the resource adapter dead-letters at once.
     */
    public static String text(Message message) {
        JsonLimits limits = Limits.MESSAGES;
        String violation;
        String text;
        try {
            if (message instanceof TextMessage textMessage) {
                text = textMessage.getText();
                violation = text == null ? null : limits.violation(text);
            } else if (message instanceof BytesMessage bytes) {
                violation = limits.sizeViolation(bytes.getBodyLength());
                if (violation != null) {
                    throw new MessageFormatRuntimeException("message body refused: " + violation);
                }
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                violation = limits.violation(body);
                text = new String(body, StandardCharsets.UTF_8);
            } else {
                throw new MessageFormatRuntimeException("expected a text or bytes message with JSON, got "
                        + message.getClass().getSimpleName());
            }
        } catch (JMSException e) {
            throw new IllegalStateException("cannot read message body: " + e.getMessage(), e);
        }
        if (violation != null) {
            throw new MessageFormatRuntimeException("message body refused: " + violation);
        }
        return text;
    }

    /**
     * The limits of message bodies: the settings {@code openaperture.messaging.max-body-bytes} and
     * {@code openaperture.messaging.max-json-depth}, read once; the defaults where no configuration is at hand.
     */
    private static final class Limits {
        static final JsonLimits MESSAGES = configured();

        private static JsonLimits configured() {
            try {
                Config config = ConfigProvider.getConfig();
                return JsonLimits.configured(
                        "openaperture.messaging",
                        name -> config.getOptionalValue(name, String.class),
                        JsonLimits.MESSAGES);
            } catch (IllegalStateException | ServiceConfigurationError e) {
                return JsonLimits.MESSAGES; // no MicroProfile Config implementation (plain unit tests)
            }
        }
    }
}
