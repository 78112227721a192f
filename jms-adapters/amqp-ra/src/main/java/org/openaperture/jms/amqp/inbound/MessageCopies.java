package org.openaperture.jms.amqp.inbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;

/**
 * Copies of received messages, for the dead letter and for a retry through the queue: the body type (text,
 * bytes, map, stream, object, none) and body, the application properties, JMSType, JMSCorrelationID and
 * JMSReplyTo. A bytes body keeps its AMQP content type (RabbitMQ hands over what AMQP 0-9-1 publishers sent,
 * JSON included, as bytes with their content type).
 *
 * <p>Copying must never fail on the message's own properties, or the message could never leave its queue:
 * names pass unchanged (the factory does not validate them as JMS identifiers, see
 * {@link org.openaperture.jms.amqp.settings.ConnectionSettings}), and values JMS cannot carry (AMQP lists, maps,
 * binaries, UUIDs, timestamps set by other AMQP clients) travel as their {@code String.valueOf} text.
 */
final class MessageCopies {

    private MessageCopies() {}

    /**
     * A new message of the session with the original's body, headers and every application property for
     * which {@code keepProperty} holds (provider-set {@code JMSX*} and {@code JMS_*} ones are never copied).
     * Fails only on a body that cannot be read, e.g. an object body of a class this class loader lacks.
     */
    static Message copy(Session session, Message original, Predicate<String> keepProperty) throws JMSException {
        Message copy = copyBody(session, original);
        copy.setJMSType(original.getJMSType());
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        copy.setJMSReplyTo(original.getJMSReplyTo());
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            // JMSX* and JMS_* are provider-set (delivery count, AMQP annotations): the copy gets its own.
            if (!name.startsWith("JMSX") && !name.startsWith("JMS_") && keepProperty.test(name)) {
                copy.setObjectProperty(name, jmsPropertyValue(original.getObjectProperty(name)));
            }
        }
        return copy;
    }

    private static Message copyBody(Session session, Message original) throws JMSException {
        if (original instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (original instanceof BytesMessage) {
            BytesMessage copy = session.createBytesMessage();
            byte[] body = original.getBody(byte[].class);
            if (body != null) {
                copy.writeBytes(body);
            }
            copyContentType(original, copy);
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
            return copyStream(session, stream);
        }
        if (original instanceof ObjectMessage object) {
            return session.createObjectMessage(object.getObject());
        }
        return session.createMessage();
    }

    private static StreamMessage copyStream(Session session, StreamMessage original) throws JMSException {
        StreamMessage copy = session.createStreamMessage();
        original.reset();
        try {
            while (true) {
                copy.writeObject(original.readObject());
            }
        } catch (MessageEOFException endOfBody) {
            return copy;
        } finally {
            original.reset();
        }
    }

    /** Qpid marks every bytes message it creates application/octet-stream: keep what the sender said. */
    private static void copyContentType(Message original, Message copy) {
        if (original instanceof JmsMessage from
                && copy instanceof JmsMessage to
                && from.getFacade() instanceof AmqpJmsMessageFacade fromAmqp
                && to.getFacade() instanceof AmqpJmsMessageFacade toAmqp
                && fromAmqp.getContentType() != null) {
            toAmqp.setContentType(fromAmqp.getContentType());
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
