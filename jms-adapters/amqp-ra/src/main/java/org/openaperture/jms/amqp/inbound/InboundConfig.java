package org.openaperture.jms.amqp.inbound;

import org.openaperture.jms.amqp.ConnectionSettings;
import org.openaperture.jms.amqp.RedeliveryPolicy;

/**
 * The settings of one endpoint activation after every fallback to the adapter has been applied.
 *
 * @param queue          queue name, for log lines and {@code dlq_original_queue}
 * @param sourceAddress  AMQP address the consumers read from
 * @param errorQueue     dead-letter queue name (or address, when configured as one)
 * @param errorAddress   AMQP address dead letters are sent to
 * @param connection     broker settings
 * @param maxSessions    concurrent consumer sessions
 * @param prefetch       link credit per consumer
 * @param redelivery     the retry rule
 * @param reconnectDelayMs pause between connection attempts
 */
record InboundConfig(
        String queue,
        String sourceAddress,
        String errorQueue,
        String errorAddress,
        ConnectionSettings connection,
        int maxSessions,
        int prefetch,
        RedeliveryPolicy redelivery,
        long reconnectDelayMs) {}
