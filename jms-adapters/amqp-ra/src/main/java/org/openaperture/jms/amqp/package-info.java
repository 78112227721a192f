/**
 * A Jakarta Connectors 2.1 resource adapter over Qpid JMS (AMQP 1.0): the adapter itself, which owns the
 * inbound activations and the adapter-wide properties. It knows JMS and AMQP and nothing of the applications
 * that use it.
 */
package org.openaperture.jms.amqp;
