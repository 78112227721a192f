/**
 * Inbound side: activation spec, one Qpid connection per endpoint activation with its consumer sessions,
 * bounded inline redelivery and dead-lettering to an error queue, failover to a second broker and back, and
 * {@link org.openaperture.jms.amqp.inbound.FailoverEvents} for applications that want to see the switches.
 */
package org.openaperture.jms.amqp.inbound;
