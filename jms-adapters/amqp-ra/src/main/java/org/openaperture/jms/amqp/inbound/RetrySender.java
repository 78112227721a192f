package org.openaperture.jms.amqp.inbound;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;

/**
 * Sends a message whose delivery failed back to the tail of its own queue, through a producer on the consuming
 * session, as a copy ({@link MessageCopies}) that carries the attempts so far in the adapter's properties
 * ({@link AttemptHistory}): that is how the count survives a restart of the node. The send is synchronous (the
 * listener connection forces it, see {@link org.openaperture.jms.amqp.settings.ConnectionSettings}): it returns once the
 * broker has the copy, or throws after {@code SendTimeout}.
 *
 * <p>The copy keeps the original's delivery mode and priority, and what is left of its time to live.
 */
final class RetrySender {

    private final Session session;
    private final String queueAddress;
    private MessageProducer producer;

    RetrySender(Session session, String queueAddress) {
        this.session = session;
        this.queueAddress = queueAddress;
    }

    /**
     * The copy to send for the next attempt; fails only when the body cannot be read (then the retry cannot go
     * through the queue).
     */
    Message copy(Message original, AttemptHistory history, long notBefore) throws JMSException {
        Message copy = MessageCopies.copy(session, original, name -> !AttemptHistory.isAdapterProperty(name));
        for (Map.Entry<String, Object> property : history.properties().entrySet()) {
            copy.setObjectProperty(property.getKey(), property.getValue());
        }
        copy.setLongProperty(AttemptHistory.NOT_BEFORE, notBefore);
        return copy;
    }

    /** Sends a copy made by {@link #copy}; returns once the broker has it. */
    void send(Message original, Message copy) throws JMSException {
        int deliveryMode = original.getJMSDeliveryMode() == DeliveryMode.NON_PERSISTENT
                ? DeliveryMode.NON_PERSISTENT
                : DeliveryMode.PERSISTENT;
        long expiration = original.getJMSExpiration();
        long timeToLive =
                expiration > 0 ? Math.max(1, expiration - System.currentTimeMillis()) : Message.DEFAULT_TIME_TO_LIVE;
        producer().send(copy, deliveryMode, original.getJMSPriority(), timeToLive);
    }

    private MessageProducer producer() throws JMSException {
        if (producer == null) {
            producer = session.createProducer(session.createQueue(queueAddress));
        }
        return producer;
    }
}
