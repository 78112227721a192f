/**
 * Inbound side: activation spec, one Qpid connection per endpoint activation with its consumer sessions,
 * bounded inline redelivery and dead-lettering to an error queue.
 */
package org.openaperture.jms.amqp.inbound;
