package org.openaperture.jms.amqp.inbound;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * Sends a copy of a message that exhausted its delivery attempts to the error queue, through a producer on
 * the consuming session, with the {@code dlq_*} properties that say where it came from and why it failed, over
 * every attempt (those of other nodes and activations too: see {@link AttemptHistory}). The copy is made by
 * {@link MessageCopies}, without the adapter's own {@code AmqpRa*} properties: the {@code dlq_*} ones say it
 * all, and a dead letter moved back to its queue by a person starts a fresh set of attempts.
 */
final class DeadLetterSender {

    static final String ORIGINAL_MESSAGE_ID = "dlq_original_message_id";
    static final String DELIVERY_ATTEMPTS = "dlq_delivery_attempts";
    static final String FIRST_ATTEMPT_AT = "dlq_first_attempt_at";
    static final String LAST_ATTEMPT_AT = "dlq_last_attempt_at";
    static final String ORIGINAL_QUEUE = "dlq_original_queue";
    static final String REASON = "dlq_reason";

    private final Session session;
    private final String errorAddress;
    private final String originalQueue;
    private MessageProducer producer;

    DeadLetterSender(Session session, String errorAddress, String originalQueue) {
        this.session = session;
        this.errorAddress = errorAddress;
        this.originalQueue = originalQueue;
    }

    void send(Message original, AttemptHistory history) throws JMSException {
        Message copy = MessageCopies.copy(session, original, name -> !AttemptHistory.isAdapterProperty(name));
        copy.setStringProperty(ORIGINAL_MESSAGE_ID, history.originalMessageId());
        copy.setIntProperty(DELIVERY_ATTEMPTS, history.attempts());
        copy.setLongProperty(FIRST_ATTEMPT_AT, history.firstAttemptAt());
        copy.setLongProperty(LAST_ATTEMPT_AT, history.lastAttemptAt());
        copy.setStringProperty(ORIGINAL_QUEUE, originalQueue);
        copy.setStringProperty(REASON, history.lastReason());
        // Persistent and without expiry: a dead letter waits for a person, however it was first sent.
        producer().send(copy, DeliveryMode.PERSISTENT, original.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
    }

    private MessageProducer producer() throws JMSException {
        if (producer == null) {
            producer = session.createProducer(session.createQueue(errorAddress));
        }
        return producer;
    }
}
