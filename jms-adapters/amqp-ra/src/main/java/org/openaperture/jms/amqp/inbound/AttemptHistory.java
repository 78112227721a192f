package org.openaperture.jms.amqp.inbound;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The failed delivery attempts of one message so far. RabbitMQ 3.x keeps no delivery count, so the count
 * travels with the message: a failed attempt that is to be retried is recorded in adapter properties of a copy
 * sent back to the queue (see {@link QueueListener}), and a delivered message whose properties say it already
 * had {@code n} failed attempts continues the count from {@code n}, whichever node or activation made them.
 *
 * <p>The adapter properties (all named {@value #PREFIX}...):
 *
 * <ul>
 *   <li>{@value #ATTEMPTS} (int): failed delivery attempts so far, those that counted toward the maximum;
 *   <li>{@value #FIRST_ATTEMPT_AT} / {@value #LAST_ATTEMPT_AT} (long, epoch ms): when the first attempt
 *       started, when the last one failed;
 *   <li>{@value #LAST_REASON} (string): why the last attempt failed, {@code class: message} of its innermost
 *       cause;
 *   <li>{@value #ORIGINAL_MESSAGE_ID} (string): the JMSMessageID of the message as first received (each copy
 *       has a JMSMessageID of its own).
 * </ul>
 *
 * <p>Values that cannot be read (missing, of another type, negative) count as no history: a message is never
 * refused for its properties.
 *
 * @param originalMessageId the id of the message as first received; never null
 * @param attempts          failed attempts so far, 0 for none
 * @param firstAttemptAt    when the first attempt started (epoch ms), 0 for none
 * @param lastAttemptAt     when the last attempt failed (epoch ms), 0 for none
 * @param lastReason        why the last attempt failed, null for none
 */
record AttemptHistory(
        String originalMessageId, int attempts, long firstAttemptAt, long lastAttemptAt, String lastReason) {

    static final String PREFIX = "AmqpRa";
    static final String ATTEMPTS = "AmqpRaAttempts";
    static final String FIRST_ATTEMPT_AT = "AmqpRaFirstAttemptAt";
    static final String LAST_ATTEMPT_AT = "AmqpRaLastAttemptAt";
    static final String LAST_REASON = "AmqpRaLastReason";
    static final String ORIGINAL_MESSAGE_ID = "AmqpRaOriginalMessageId";
    /** On a copy sent back for its next attempt: not to be delivered before then (epoch ms). */
    static final String NOT_BEFORE = "AmqpRaNotBefore";

    /** When a copy sent back for its next attempt is due (epoch ms); 0 for a message that is due at once. */
    static long notBefore(Message message) {
        return Math.max(0, number(propertyOrNull(message, NOT_BEFORE)));
    }

    /**
     * The history a received message carries.
     *
     * @param property  reads a property of the message by name, null when it has none
     * @param messageId the message's own JMSMessageID (or a name the adapter made up for it when it has none),
     *                  the original id when the properties name none
     */
    static AttemptHistory read(Function<String, Object> property, String messageId) {
        Object original = property.apply(ORIGINAL_MESSAGE_ID);
        String id = original instanceof String text && !text.isBlank() ? text : messageId;
        long attempts = number(property.apply(ATTEMPTS));
        if (attempts <= 0) {
            return new AttemptHistory(id, 0, 0, 0, null);
        }
        long last = Math.max(0, number(property.apply(LAST_ATTEMPT_AT)));
        long first = number(property.apply(FIRST_ATTEMPT_AT));
        Object reason = property.apply(LAST_REASON);
        return new AttemptHistory(
                id,
                (int) Math.min(attempts, Integer.MAX_VALUE),
                first > 0 ? first : last,
                last,
                reason == null ? null : String.valueOf(reason));
    }

    /** The history of a received message; see {@link #read(Function, String)}. */
    static AttemptHistory of(Message message, String messageId) {
        return read(name -> propertyOrNull(message, name), messageId);
    }

    /** The history after one more failed attempt, which started at {@code startedAt} and failed at {@code now}. */
    AttemptHistory failed(long startedAt, long now, String reason) {
        return new AttemptHistory(
                originalMessageId,
                attempts == Integer.MAX_VALUE ? attempts : attempts + 1,
                attempts == 0 || firstAttemptAt <= 0 ? startedAt : firstAttemptAt,
                now,
                reason);
    }

    /** The adapter properties that carry this history on a copy of the message. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ATTEMPTS, attempts);
        properties.put(FIRST_ATTEMPT_AT, firstAttemptAt);
        properties.put(LAST_ATTEMPT_AT, lastAttemptAt);
        if (lastReason != null) {
            properties.put(LAST_REASON, lastReason);
        }
        properties.put(ORIGINAL_MESSAGE_ID, originalMessageId);
        return properties;
    }

    /** Whether a property is one of the adapter's (left off dead letters, whose dlq_* properties say it all). */
    static boolean isAdapterProperty(String name) {
        return name.startsWith(PREFIX);
    }

    private static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static Object propertyOrNull(Message message, String name) {
        try {
            return message.getObjectProperty(name);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }
}
