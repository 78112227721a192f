/**
 * The values the adapter, its inbound activations and its outbound factories share: the adapter-wide
 * properties and their defaults, the broker address dialects, the connection settings every Qpid factory is
 * built from, the redelivery rule and the exceptions that mean a dependency is down. Depends on no other
 * package of the adapter.
 */
package org.openaperture.jms.amqp.settings;
