package org.openaperture.jms.amqp.inbound;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.StreamMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.openaperture.jms.amqp.RedeliveryPolicy;
import org.openaperture.jms.amqp.inbound.DeliveryAttempts.Attempt;

/**
 * Delivers the messages of one CLIENT_ACKNOWLEDGE session to fresh message endpoints and acknowledges each
 * only after the endpoint returned. A delivery that throws is retried inline after the
 * {@link RedeliveryPolicy}'s delay (the broker's own redelivery would loop hot) and, once the attempts are
 * used up, dead-lettered and acknowledged.
 *
 * <p>Acknowledging a message in CLIENT_ACKNOWLEDGE mode acknowledges every earlier one of the session, so
 * this listener never returns with a message unacknowledged while its connection stays open: it either
 * acknowledges or recycles the connection (the broker then redelivers).
 */
final class QueueListener implements MessageListener {

    private static final Logger LOG = System.getLogger(QueueListener.class.getName());
    private static final Method ON_MESSAGE = onMessageMethod();

    private final ListenerConnection owner;
    private final InboundConfig config;
    private final MessageEndpointFactory endpointFactory;
    private final DeliveryAttempts attempts;
    private final DeadLetterSender deadLetters;

    QueueListener(ListenerConnection owner, InboundConfig config, MessageEndpointFactory endpointFactory,
                  DeliveryAttempts attempts, DeadLetterSender deadLetters) {
        this.owner = owner;
        this.config = config;
        this.endpointFactory = endpointFactory;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onMessage(Message message) {
        String id = messageId(message);
        RedeliveryPolicy policy = config.redelivery();
        // Once the connection is closing, leave the message unacknowledged: the broker redelivers it.
        while (owner.isOpen()) {
            Attempt known = attempts.current(id);
            if (known != null && known.lastReason() != null && known.number() >= policy.maxAttempts()) {
                deadLetter(message, id, known); // redelivered after a failed dead-letter send
                return;
            }
            attempts.begin(id, System.currentTimeMillis());
            Exception failure = deliver(message);
            if (failure == null) {
                attempts.forget(id);
                acknowledge(message, id);
                return;
            }
            Attempt failed = attempts.failed(id, Failures.reason(failure), System.currentTimeMillis());
            if (!policy.retriesAfter(failed.number())) {
                logFailedAttempt(id, failed, "dead-lettering to " + config.errorQueue());
                deadLetter(message, id, failed);
                return;
            }
            long delay = policy.delayAfter(failed.number());
            logFailedAttempt(id, failed, "retrying in " + delay + " ms");
            owner.pause(delay);
        }
    }

    /** One attempt on a fresh endpoint; returns what it threw, or null when it succeeded. */
    private Exception deliver(Message message) {
        MessageEndpoint endpoint = null;
        try {
            rewind(message);
            endpoint = endpointFactory.createEndpoint(null);
            endpoint.beforeDelivery(ON_MESSAGE);
            try {
                ((MessageListener) endpoint).onMessage(message);
            } finally {
                endpoint.afterDelivery();
            }
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            release(endpoint);
        }
    }

    private void deadLetter(Message message, String id, Attempt attempt) {
        try {
            deadLetters.send(message, new DeadLetterSender.Facts(attempt.number(), attempt.firstAttemptAt(),
                    attempt.lastAttemptAt(), attempt.lastReason()));
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.ERROR, "could not dead-letter message " + id + " from queue " + config.queue() + " to "
                    + config.errorQueue() + ": " + Failures.reason(e)
                    + "; leaving it unacknowledged and reconnecting so that the broker redelivers it");
            owner.fail(e);
            return;
        }
        LOG.log(Level.WARNING, "dead-lettered message " + id + " from queue " + config.queue() + " to "
                + config.errorQueue() + " after " + attempt.number() + " attempts");
        if (acknowledge(message, id)) {
            attempts.forget(id);
        }
    }

    private boolean acknowledge(Message message, String id) {
        try {
            message.acknowledge();
            return true;
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not acknowledge message " + id + " from queue " + config.queue()
                    + ", the broker will redeliver it: " + Failures.reason(e));
            return false;
        }
    }

    private void logFailedAttempt(String id, Attempt failed, String next) {
        LOG.log(Level.WARNING, "delivery attempt " + failed.number() + " of " + config.redelivery().maxAttempts()
                + " failed for message " + id + " from queue " + config.queue() + ": " + failed.lastReason()
                + "; " + next);
    }

    /** A retried endpoint must read the body from the start again. */
    private static void rewind(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
        } else if (message instanceof StreamMessage stream) {
            stream.reset();
        }
    }

    private static void release(MessageEndpoint endpoint) {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.release();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "releasing a message endpoint failed", e);
        }
    }

    private static String messageId(Message message) {
        try {
            String id = message.getJMSMessageID();
            if (id != null) {
                return id;
            }
        } catch (JMSException e) {
            LOG.log(Level.DEBUG, "message without a readable JMSMessageID", e);
        }
        // Without an id the count cannot survive a redelivery; it still bounds the inline retries.
        return "local:" + UUID.randomUUID();
    }

    private static Method onMessageMethod() {
        try {
            return MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
