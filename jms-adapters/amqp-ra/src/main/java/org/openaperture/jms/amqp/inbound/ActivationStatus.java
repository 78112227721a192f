package org.openaperture.jms.amqp.inbound;

import java.time.Instant;

/**
 * Where one endpoint activation consumes right now. The URL is safe for logs (no user info, no password-like
 * query options).
 *
 * @param activationName     the container's name of the endpoint activation (may be null)
 * @param queue              the activation's queue on the primary broker, which names the activation
 * @param broker             the broker in use
 * @param url                that broker's URL
 * @param consumedQueue      the queue consumed there
 * @param connected          whether a connection to it is open and consuming (false while connecting)
 * @param failoverConfigured whether the activation has a failover broker at all
 * @param since              when the activation started using this broker (its start, or the last switch)
 */
public record ActivationStatus(
        String activationName,
        String queue,
        Broker broker,
        String url,
        String consumedQueue,
        boolean connected,
        boolean failoverConfigured,
        Instant since) {

    /** The two brokers an activation may use. */
    public enum Broker {
        PRIMARY,
        FAILOVER
    }
}
