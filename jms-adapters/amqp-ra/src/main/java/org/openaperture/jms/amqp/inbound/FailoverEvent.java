package org.openaperture.jms.amqp.inbound;

import java.time.Instant;

/**
 * An activation switched brokers. Fired once per switch, when the adapter decides it: the activation then
 * connects to the new broker ({@link FailoverEvents#activations()} tells whether it is connected yet). URLs are
 * safe for logs (no user info, no password-like query options).
 *
 * @param type           which way it switched
 * @param activationName the container's name of the endpoint activation (may be null)
 * @param queue          the activation's queue on the primary broker, which names the activation
 * @param fromUrl        the broker left
 * @param fromQueue      the queue consumed there
 * @param toUrl          the broker switched to
 * @param toQueue        the queue consumed there
 * @param reason         why, in words, e.g. {@code 5 connection attempts failed}
 * @param time           when the switch was decided
 */
public record FailoverEvent(
        Type type,
        String activationName,
        String queue,
        String fromUrl,
        String fromQueue,
        String toUrl,
        String toQueue,
        String reason,
        Instant time) {

    /** Which way an activation switched. */
    public enum Type {
        /** To the failover broker: the primary could not be reached. */
        FAILED_OVER,
        /** Back to the primary broker: it answered a fail-back probe, or the failover broker could not be reached. */
        FAILED_BACK
    }
}
