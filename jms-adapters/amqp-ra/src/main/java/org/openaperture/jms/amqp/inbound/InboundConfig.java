package org.openaperture.jms.amqp.inbound;

import org.openaperture.jms.amqp.settings.RedeliveryPolicy;
import org.openaperture.jms.amqp.settings.UnavailableExceptions;

/**
 * The settings of one endpoint activation after every fallback to the adapter has been applied.
 *
 * @param primary               the queue and broker consumed normally
 * @param failover              the queue and broker consumed after failing over; null when there is none
 * @param maxSessions           concurrent consumer sessions
 * @param prefetch              link credit per consumer
 * @param redelivery            the retry rule
 * @param reconnectDelayMs      pause between connection attempts
 * @param failoverAfterAttempts consecutive failed connection attempts to a broker before switching to the other
 * @param failBack              whether to move back to the primary once it answers again
 * @param failBackIntervalMs    pause between probes of the primary while on the failover broker
 * @param unavailable           which failures of an endpoint mean a dependency is down (no delivery attempt)
 */
record InboundConfig(
        BrokerQueue primary,
        BrokerQueue failover,
        int maxSessions,
        int prefetch,
        RedeliveryPolicy redelivery,
        long reconnectDelayMs,
        int failoverAfterAttempts,
        boolean failBack,
        long failBackIntervalMs,
        UnavailableExceptions unavailable) {

    /** The activation's queue: the primary's, which names it in log lines. */
    String queue() {
        return primary.queue();
    }

    /** A fresh failover rule for one activation. */
    FailoverRule newFailoverRule() {
        return new FailoverRule(failover != null, failoverAfterAttempts, failBack);
    }
}
