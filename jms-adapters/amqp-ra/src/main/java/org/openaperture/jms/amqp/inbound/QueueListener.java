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
import org.openaperture.jms.amqp.settings.RedeliveryPolicy;
import org.openaperture.jms.amqp.settings.UnavailableExceptions;

/**
 * Delivers the messages of one CLIENT_ACKNOWLEDGE session to fresh message endpoints and acknowledges each
 * only after the endpoint returned.
 *
 * <p>A delivery that throws is a failed attempt. While the {@link RedeliveryPolicy} allows another, the
 * listener sends a copy of the message to the tail of the same queue at once, with the attempts so far in the
 * adapter's {@code AmqpRa*} properties ({@link AttemptHistory}) and the time it is due after the policy's delay
 * ({@code AmqpRaNotBefore}), and acknowledges the original: the count lives in the broker, with the message,
 * and survives a restart of the node, even one killed during the delay. Whichever session or node receives the
 * copy waits until it is due. A message whose properties say it already had {@code n} attempts continues from
 * {@code n}. Once the attempts are used up, the message is dead-lettered and acknowledged. When the copy or
 * the dead letter cannot be sent, nothing is acknowledged and the connection is recycled, so that the broker
 * redelivers the original; the {@link DeliveryAttempts} of the activation remember the failed attempt
 * meanwhile. Between the send of the copy and the acknowledgement of the original a crash leaves both in the
 * queue: a duplicate, never a loss.
 *
 * <p>Acknowledging a message in CLIENT_ACKNOWLEDGE mode acknowledges every earlier one of the session, so
 * this listener never returns with a message unacknowledged while its connection stays open: it either
 * acknowledges or recycles the connection (the broker then redelivers).
 *
 * <p>Only a failure of the endpoint's {@code onMessage} (or {@code afterDelivery}) counts as a delivery
 * attempt, and only when it is the message's fault. When no endpoint can be had ({@code createEndpoint} or
 * {@code beforeDelivery} fails, e.g. an {@code UnavailableException} while the MDB pool starts or is
 * exhausted) the message never reached the application: the listener waits {@code reconnectDelay} ms and asks
 * again, without counting. When the failure says that a dependency is down ({@link UnavailableExceptions}: the
 * database, a refused connection) the message is not at fault either: the listener keeps it, pauses with a
 * growing delay and tries again, without counting, for as long as the outage lasts.
 *
 * <p>A failure caused by a {@code MessageFormatException} or {@code MessageFormatRuntimeException} says that
 * the message itself can never be processed (a body of the wrong type, too large, malformed): no retry can
 * help, so it is dead-lettered after that first attempt.
 */
final class QueueListener implements MessageListener {

    /** The shortest pause during a dependency outage, so that a redelivery delay of 0 does not loop hot. */
    static final long MIN_OUTAGE_PAUSE_MS = 100;

    private static final Logger LOG = System.getLogger(QueueListener.class.getName());
    private static final Method ON_MESSAGE = onMessageMethod();

    private final ListenerConnection owner;
    private final InboundConfig config;
    private final BrokerQueue target;
    private final MessageEndpointFactory endpointFactory;
    private final DeliveryAttempts attempts;
    private final DeadLetterSender deadLetters;
    private final RetrySender retries;
    /** When endpoints became unavailable (System.nanoTime), or 0; only the session's delivery thread uses it. */
    private long unavailableSince;
    /** When the current dependency outage began (System.nanoTime), or 0; delivery thread only. */
    private long outageSince;
    /** Pauses in the current dependency outage; delivery thread only. */
    private int outagePauses;

    QueueListener(
            ListenerConnection owner,
            InboundConfig config,
            BrokerQueue target,
            MessageEndpointFactory endpointFactory,
            DeliveryAttempts attempts,
            DeadLetterSender deadLetters,
            RetrySender retries) {
        this.owner = owner;
        this.config = config;
        this.target = target;
        this.endpointFactory = endpointFactory;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.retries = retries;
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
        DeliveryAttempts.Pending pending = attempts.current(id);
        if (pending != null && pending.copied()) {
            // Redelivered although its retry copy is in the queue: the acknowledgement was lost.
            LOG.log(
                    Level.DEBUG,
                    "message " + id + " from queue " + target.queue() + " was already sent back for its next"
                            + " attempt; acknowledging this redelivery");
            if (acknowledge(message, id)) {
                attempts.forget(id);
            }
            return;
        }
        // Redelivered after a failed attempt whose copy or dead letter could not be sent: settle that first.
        boolean settleFailedAttempt = pending != null;
        if (!settleFailedAttempt) {
            awaitDue(message);
        }
        AttemptHistory history = pending != null ? pending.history() : AttemptHistory.of(message, id);
        while (owner.isOpen() || settleFailedAttempt) {
            if (settleFailedAttempt) {
                settleFailedAttempt = false;
                if (!policy.retriesAfter(history.attempts())) {
                    deadLetter(message, id, history);
                    return;
                }
                if (sendBack(message, id, history)) {
                    return;
                }
                continue; // the body cannot be copied: the next attempt happens here, counted in memory only
            }
            MessageEndpoint endpoint = endpoint(history.originalMessageId());
            if (endpoint == null) {
                owner.pause(config.reconnectDelayMs());
                continue;
            }
            long startedAt = System.currentTimeMillis();
            Exception failure = deliver(endpoint, message);
            if (failure == null) {
                outageEnded(true);
                attempts.forget(id);
                acknowledge(message, id);
                return;
            }
            if (config.unavailable().matches(failure)) {
                outage(history.originalMessageId(), failure);
                continue;
            }
            outageEnded(false);
            history = history.failed(startedAt, System.currentTimeMillis(), Failures.reason(failure));
            if (Failures.isMessageFormat(failure)) {
                logFailedAttempt(
                        history,
                        "its format can never be processed: dead-lettering to " + target.errorQueue() + " at once");
                deadLetter(message, id, history);
                return;
            }
            attempts.failed(id, history);
            logFailedAttempt(
                    history,
                    policy.retriesAfter(history.attempts())
                            ? "retrying in " + policy.delayAfter(history.attempts()) + " ms"
                            : "dead-lettering to " + target.errorQueue());
            settleFailedAttempt = true;
        }
    }

    /**
     * Sends a copy carrying the history, due after the policy's delay, to the tail of the queue at once and
     * acknowledges the original: the failed attempt is recorded in the broker before any wait, so a node killed
     * during the delay loses no attempt. Whoever receives the copy waits until it is due ({@link #awaitDue}).
     * Returns false only when the body cannot be copied, and the next attempt must be made here (after the
     * delay). When the send fails, the original stays unacknowledged and the connection is recycled.
     */
    private boolean sendBack(Message message, String id, AttemptHistory history) {
        long delay = config.redelivery().delayAfter(history.attempts());
        Message copy;
        try {
            copy = retries.copy(message, history, System.currentTimeMillis() + delay);
        } catch (JMSException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "cannot copy message " + history.originalMessageId() + " from queue " + target.queue()
                            + " to send it back for its next attempt: " + Failures.reason(e)
                            + "; retrying it in place, its attempts counted by this activation only");
            owner.pause(delay);
            return false;
        }
        try {
            retries.send(message, copy);
        } catch (JMSException | RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "could not send message " + history.originalMessageId() + " back to queue " + target.queue()
                            + " for attempt " + (history.attempts() + 1) + ": " + Failures.reason(e)
                            + "; leaving it unacknowledged and reconnecting so that the broker redelivers it");
            owner.fail(e);
            return true;
        }
        attempts.copied(id, history);
        if (acknowledge(message, id)) {
            attempts.forget(id);
        }
        return true;
    }

    /**
     * A copy sent back for its next attempt is not delivered before it is due, whichever session or node
     * receives it; the wait is at most the policy's longest delay, whatever another machine's clock says.
     */
    private void awaitDue(Message message) {
        long wait = Math.min(
                AttemptHistory.notBefore(message) - System.currentTimeMillis(),
                config.redelivery().maxDelayMs());
        if (wait > 0) {
            owner.pause(wait);
        }
    }

    /** A dependency is down: no attempt is counted; pause with a growing delay, logging the first of a run. */
    private void outage(String originalId, Exception failure) {
        boolean first = outageSince == 0;
        if (first) {
            outageSince = System.nanoTime();
            outagePauses = 0;
        }
        if (outagePauses < Integer.MAX_VALUE) {
            outagePauses++;
        }
        long delay = Math.max(MIN_OUTAGE_PAUSE_MS, config.redelivery().delayAfter(outagePauses));
        LOG.log(
                first ? Level.WARNING : Level.DEBUG,
                "a dependency of the endpoint for queue " + target.queue() + " is unavailable: "
                        + Failures.reason(failure) + "; message " + originalId
                        + " waits, not counted as a delivery attempt; trying again in " + delay + " ms");
        owner.pause(delay);
    }

    /** Ends a run of outage pauses, if one is going on, saying how long it lasted. */
    private void outageEnded(boolean succeeded) {
        if (outageSince == 0) {
            return;
        }
        long lasted = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageSince);
        LOG.log(
                Level.INFO,
                succeeded
                        ? "deliveries from queue " + target.queue() + " succeed again after a dependency outage of "
                                + lasted + " ms"
                        : "the endpoint for queue " + target.queue() + " no longer reports an unavailable dependency"
                                + " after " + lasted + " ms (the delivery failed for another reason)");
        outageSince = 0;
        outagePauses = 0;
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

    private void deadLetter(Message message, String id, AttemptHistory history) {
        try {
            deadLetters.send(message, history);
        } catch (JMSException | RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "could not dead-letter message " + history.originalMessageId() + " from queue " + target.queue()
                            + " to " + target.errorQueue() + ": " + Failures.reason(e)
                            + "; leaving it unacknowledged and reconnecting so that the broker redelivers it");
            owner.fail(e);
            return;
        }
        LOG.log(
                Level.WARNING,
                "dead-lettered message " + history.originalMessageId() + " from queue " + target.queue() + " to "
                        + target.errorQueue() + " after " + history.attempts() + " attempts");
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

    private void logFailedAttempt(AttemptHistory failed, String next) {
        LOG.log(
                Level.WARNING,
                "delivery attempt " + failed.attempts() + " of "
                        + config.redelivery().maxAttempts()
                        + " failed for message " + failed.originalMessageId() + " from queue " + target.queue() + ": "
                        + failed.lastReason() + "; " + next);
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
        // Without an id, this name stands for the message in log lines, in the copies sent back for retries
        // (AmqpRaOriginalMessageId) and in dlq_original_message_id; only a redelivery after a reconnect cannot
        // be recognised.
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
