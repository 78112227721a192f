/**
 * Outbound side: a pooled {@link jakarta.jms.ConnectionFactory} whose managed connections each hold one
 * physical Qpid connection and hand out closeable {@link jakarta.jms.Connection} handles; as a
 * {@link org.openaperture.jms.amqp.outbound.BrokerConnectionFactory} it lends them for any broker URL.
 */
package org.openaperture.jms.amqp.outbound;
