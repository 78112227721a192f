package org.openaperture.jms.amqp.inbound;

import org.openaperture.jms.amqp.settings.ConnectionSettings;

/**
 * One queue an activation consumes on one broker, with its dead-letter queue: the primary, or the failover.
 *
 * @param connection    broker settings
 * @param queue         queue name, for log lines and {@code dlq_original_queue}
 * @param sourceAddress AMQP address the consumers read from
 * @param errorQueue    dead-letter queue name (or address, when configured as one)
 * @param errorAddress  AMQP address dead letters are sent to
 */
record BrokerQueue(
        ConnectionSettings connection, String queue, String sourceAddress, String errorQueue, String errorAddress) {}
