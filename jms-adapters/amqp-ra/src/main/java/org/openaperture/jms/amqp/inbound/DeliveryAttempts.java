package org.openaperture.jms.amqp.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery attempts per message id, counted by the adapter because RabbitMQ 3.x reports no delivery count
 * (a requeued message comes back with {@code JMSRedelivered=false}). Shared by the sessions of one
 * activation so that a message the broker redelivers after a reconnect continues its count. Bounded: the
 * least recently touched ids are forgotten first.
 */
final class DeliveryAttempts {

    static final int DEFAULT_CAPACITY = 10_000;

    /**
     * The attempts so far at one message.
     *
     * @param number         attempts started, from 1
     * @param firstAttemptAt when the first attempt started (epoch ms)
     * @param lastAttemptAt  when the last attempt failed (epoch ms), 0 before any failure
     * @param lastReason     why the last attempt failed, null before any failure
     */
    record Attempt(int number, long firstAttemptAt, long lastAttemptAt, String lastReason) {}

    private final Map<String, Attempt> attempts;

    DeliveryAttempts(int capacity) {
        this.attempts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Attempt> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The attempts known for a message, or null. */
    synchronized Attempt current(String messageId) {
        return attempts.get(messageId);
    }

    /** Records the start of another attempt and returns it. */
    synchronized Attempt begin(String messageId, long now) {
        Attempt previous = attempts.get(messageId);
        Attempt next = previous == null
                ? new Attempt(1, now, 0, null)
                : new Attempt(
                        previous.number() + 1,
                        previous.firstAttemptAt(),
                        previous.lastAttemptAt(),
                        previous.lastReason());
        attempts.put(messageId, next);
        return next;
    }

    /** Records that the current attempt failed, and why. */
    synchronized Attempt failed(String messageId, String reason, long now) {
        Attempt current = attempts.get(messageId);
        Attempt failed = current == null
                ? new Attempt(1, now, now, reason)
                : new Attempt(current.number(), current.firstAttemptAt(), now, reason);
        attempts.put(messageId, failed);
        return failed;
    }

    synchronized void forget(String messageId) {
        attempts.remove(messageId);
    }

    synchronized int size() {
        return attempts.size();
    }
}
