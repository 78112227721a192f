package org.openaperture.jms.amqp.inbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Enumeration;
import java.util.Map;

/**
 * Sends a copy of a message that exhausted its delivery attempts to the error queue, through a producer on
 * the consuming session, with the {@code dlq_*} properties that say where it came from and why it failed.
 * The copy keeps the body type (text, bytes, map, stream), body, application properties, JMSType,
 * JMSCorrelationID and JMSReplyTo; other body types travel without a body.
 *
 * <p>Copying must never fail on the message's own properties, or the message could never leave its queue:
 * names pass unchanged (the factory does not validate them as JMS identifiers, see
 * {@link org.openaperture.jms.amqp.ConnectionSettings}), and values JMS cannot carry (AMQP lists, maps,
 * binaries, UUIDs, timestamps set by other AMQP clients) travel as their {@code String.valueOf} text.
 */
final class DeadLetterSender {

    static final String ORIGINAL_MESSAGE_ID = "dlq_original_message_id";
    static final String DELIVERY_ATTEMPTS = "dlq_delivery_attempts";
    static final String FIRST_ATTEMPT_AT = "dlq_first_attempt_at";
    static final String LAST_ATTEMPT_AT = "dlq_last_attempt_at";
    static final String ORIGINAL_QUEUE = "dlq_original_queue";
    static final String REASON = "dlq_reason";

    /** What is known of the failed deliveries of one message. */
    record Facts(int attempts, long firstAttemptAt, long lastAttemptAt, String reason) {}

    private final Session session;
    private final String errorAddress;
    private final String originalQueue;
    private MessageProducer producer;

    DeadLetterSender(Session session, String errorAddress, String originalQueue) {
        this.session = session;
        this.errorAddress = errorAddress;
        this.originalQueue = originalQueue;
    }

    void send(Message original, Facts facts) throws JMSException {
        Message copy = copyBody(original);
        copyHeadersAndProperties(original, copy);
        copy.setStringProperty(ORIGINAL_MESSAGE_ID, original.getJMSMessageID());
        copy.setIntProperty(DELIVERY_ATTEMPTS, facts.attempts());
        copy.setLongProperty(FIRST_ATTEMPT_AT, facts.firstAttemptAt());
        copy.setLongProperty(LAST_ATTEMPT_AT, facts.lastAttemptAt());
        copy.setStringProperty(ORIGINAL_QUEUE, originalQueue);
        copy.setStringProperty(REASON, facts.reason());
        // Persistent and without expiry: a dead letter waits for a person, however it was first sent.
        producer().send(copy, DeliveryMode.PERSISTENT, original.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
    }

    private MessageProducer producer() throws JMSException {
        if (producer == null) {
            producer = session.createProducer(session.createQueue(errorAddress));
        }
        return producer;
    }

    private Message copyBody(Message original) throws JMSException {
        if (original instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (original instanceof BytesMessage) {
            BytesMessage copy = session.createBytesMessage();
            byte[] body = original.getBody(byte[].class);
            if (body != null) {
                copy.writeBytes(body);
            }
            return copy;
        }
        if (original instanceof MapMessage) {
            MapMessage copy = session.createMapMessage();
            Map<?, ?> body = original.getBody(Map.class);
            if (body != null) {
                for (Map.Entry<?, ?> entry : body.entrySet()) {
                    copy.setObject((String) entry.getKey(), entry.getValue());
                }
            }
            return copy;
        }
        if (original instanceof StreamMessage stream) {
            return copyStream(stream);
        }
        return session.createMessage();
    }

    private StreamMessage copyStream(StreamMessage original) throws JMSException {
        StreamMessage copy = session.createStreamMessage();
        original.reset();
        try {
            while (true) {
                copy.writeObject(original.readObject());
            }
        } catch (MessageEOFException endOfBody) {
            return copy;
        }
    }

    private static void copyHeadersAndProperties(Message original, Message copy) throws JMSException {
        copy.setJMSType(original.getJMSType());
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        copy.setJMSReplyTo(original.getJMSReplyTo());
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            // JMSX* and JMS_* are provider-set (delivery count, AMQP annotations): the copy gets its own.
            if (!name.startsWith("JMSX") && !name.startsWith("JMS_")) {
                copy.setObjectProperty(name, jmsPropertyValue(original.getObjectProperty(name)));
            }
        }
    }

    /** The value itself when JMS allows it as a property, else its text. */
    static Object jmsPropertyValue(Object value) {
        boolean allowed = value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Byte
                || value instanceof Short
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Float
                || value instanceof Double
                || value instanceof Character;
        return allowed ? value : String.valueOf(value);
    }
}
