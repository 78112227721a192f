package org.openaperture.jms.amqp.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this activation knows of deliveries it has not settled yet, per JMSMessageID: a failed attempt whose
 * retry copy or dead letter is not in the broker yet, or a retry copy that is in the broker while the
 * original could not be acknowledged. The count itself lives in the broker (see {@link AttemptHistory}); this
 * covers the moments between a failed attempt and its copy, so that a message the broker redelivers after a
 * reconnect (the copy or dead letter could not be sent, or the connection dropped meanwhile) goes on from where
 * it was instead of being delivered again. Shared by the sessions of one activation. Bounded: the least
 * recently touched ids are forgotten first.
 */
final class DeliveryAttempts {

    static final int DEFAULT_CAPACITY = 10_000;

    /**
     * An unsettled delivery.
     *
     * @param history the attempts so far, the failed one included
     * @param copied  whether its retry copy is already in the broker, so that the original is only to be
     *                acknowledged
     */
    record Pending(AttemptHistory history, boolean copied) {}

    private final Map<String, Pending> pending;

    DeliveryAttempts(int capacity) {
        this.pending = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What is known of a delivery, or null. */
    synchronized Pending current(String messageId) {
        return pending.get(messageId);
    }

    /** Records a failed attempt whose retry copy or dead letter is still to be sent. */
    synchronized void failed(String messageId, AttemptHistory history) {
        pending.put(messageId, new Pending(history, false));
    }

    /** Records that the retry copy is in the broker: only the acknowledgement of the original is missing. */
    synchronized void copied(String messageId, AttemptHistory history) {
        pending.put(messageId, new Pending(history, true));
    }

    synchronized void forget(String messageId) {
        pending.remove(messageId);
    }

    synchronized int size() {
        return pending.size();
    }
}
