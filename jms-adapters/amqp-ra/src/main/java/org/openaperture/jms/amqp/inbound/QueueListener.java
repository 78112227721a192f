package org.openaperture.jms.amqp.inbound;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.StreamMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Only a failure of the endpoint's {@code onMessage} (or {@code afterDelivery}) counts as a delivery
 * attempt. When no endpoint can be had ({@code createEndpoint} or {@code beforeDelivery} fails, e.g. an
 * {@code UnavailableException} while the MDB pool starts or is exhausted) the message never reached the
 * application: the listener waits {@code reconnectDelay} ms and asks again, without counting.
 */
final class QueueListener implements MessageListener {

    private static final Logger LOG = System.getLogger(QueueListener.class.getName());
    private static final Method ON_MESSAGE = onMessageMethod();

    private final ListenerConnection owner;
    private final InboundConfig config;
    private final BrokerQueue target;
    private final MessageEndpointFactory endpointFactory;
    private final DeliveryAttempts attempts;
    private final DeadLetterSender deadLetters;
    /** When endpoints became unavailable (System.nanoTime), or 0; only the session's delivery thread uses it. */
    private long unavailableSince;

    QueueListener(
            ListenerConnection owner,
            InboundConfig config,
            BrokerQueue target,
            MessageEndpointFactory endpointFactory,
            DeliveryAttempts attempts,
            DeadLetterSender deadLetters) {
        this.owner = owner;
        this.config = config;
        this.target = target;
        this.endpointFactory = endpointFactory;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onMessage(Message message) {
        // Once the connection is closing, leave the message unacknowledged: the broker redelivers it.
        if (!owner.deliveryStarting()) {
            return;
        }
        try {
            process(message);
        } finally {
            owner.deliveryEnded();
        }
    }

    private void process(Message message) {
        String id = messageId(message);
        RedeliveryPolicy policy = config.redelivery();
        while (owner.isOpen()) {
            Attempt known = attempts.current(id);
            if (known != null && known.lastReason() != null && known.number() >= policy.maxAttempts()) {
                deadLetter(message, id, known); // redelivered after a failed dead-letter send
                return;
            }
            MessageEndpoint endpoint = endpoint(id);
            if (endpoint == null) {
                owner.pause(config.reconnectDelayMs());
                continue;
            }
            attempts.begin(id, System.currentTimeMillis());
            Exception failure = deliver(endpoint, message);
            if (failure == null) {
                attempts.forget(id);
                acknowledge(message, id);
                return;
            }
            Attempt failed = attempts.failed(id, Failures.reason(failure), System.currentTimeMillis());
            if (!policy.retriesAfter(failed.number())) {
                logFailedAttempt(id, failed, "dead-lettering to " + target.errorQueue());
                deadLetter(message, id, failed);
                return;
            }
            long delay = policy.delayAfter(failed.number());
            logFailedAttempt(id, failed, "retrying in " + delay + " ms");
            owner.pause(delay);
        }
    }

    /**
     * A fresh endpoint ready for onMessage, or null when the container has none to give: the message did not
     * reach the application, so this is no delivery attempt. Logs the first of a run of such failures.
     */
    private MessageEndpoint endpoint(String id) {
        MessageEndpoint endpoint = null;
        try {
            endpoint = endpointFactory.createEndpoint(null);
            endpoint.beforeDelivery(ON_MESSAGE);
        } catch (Exception e) {
            release(endpoint);
            boolean first = unavailableSince == 0;
            if (first) {
                unavailableSince = System.nanoTime();
            }
            LOG.log(
                    first ? Level.WARNING : Level.DEBUG,
                    "no message endpoint for queue " + target.queue() + ": "
                            + Failures.reason(e) + "; message " + id + " waits, not counted as a delivery attempt;"
                            + " asking again every " + config.reconnectDelayMs() + " ms");
            return null;
        }
        if (unavailableSince != 0) {
            LOG.log(
                    Level.INFO,
                    "message endpoints for queue " + target.queue() + " available again after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unavailableSince) + " ms");
            unavailableSince = 0;
        }
        return endpoint;
    }

    /** One attempt on an endpoint that is ready; returns what it threw, or null when it succeeded. */
    private Exception deliver(MessageEndpoint endpoint, Message message) {
        try {
            try {
                rewind(message);
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
            deadLetters.send(
                    message,
                    new DeadLetterSender.Facts(
                            attempt.number(), attempt.firstAttemptAt(), attempt.lastAttemptAt(), attempt.lastReason()));
        } catch (JMSException | RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "could not dead-letter message " + id + " from queue " + target.queue() + " to "
                            + target.errorQueue() + ": " + Failures.reason(e)
                            + "; leaving it unacknowledged and reconnecting so that the broker redelivers it");
            owner.fail(e);
            return;
        }
        LOG.log(
                Level.WARNING,
                "dead-lettered message " + id + " from queue " + target.queue() + " to " + target.errorQueue()
                        + " after " + attempt.number() + " attempts");
        if (acknowledge(message, id)) {
            attempts.forget(id);
        }
    }

    private boolean acknowledge(Message message, String id) {
        try {
            message.acknowledge();
            return true;
        } catch (JMSException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not acknowledge message " + id + " from queue " + target.queue()
                            + ", the broker will redeliver it: " + Failures.reason(e));
            return false;
        }
    }

    private void logFailedAttempt(String id, Attempt failed, String next) {
        LOG.log(
                Level.WARNING,
                "delivery attempt " + failed.number() + " of "
                        + config.redelivery().maxAttempts()
                        + " failed for message " + id + " from queue " + target.queue() + ": " + failed.lastReason()
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
