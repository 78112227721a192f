/**
 * The messaging model the Manager keeps: brokers and their connections, the exchange hierarchy (geographies),
 * exchange-broker restrictions and the modules running in each exchange, plus the routing-key rule that turns the
 * hierarchy into an AMQP exchange and routing key.
 */
package org.openaperture.messaging.registry.domain;
