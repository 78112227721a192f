/**
 * A Jakarta Connectors 2.1 resource adapter over Qpid JMS (AMQP 1.0): the adapter itself, the broker address
 * dialects, the connection settings every Qpid factory is built from, and the redelivery rule.
 * It knows JMS and AMQP and nothing of the applications that use it.
 */
package org.openaperture.jms.amqp;
