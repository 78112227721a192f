/**
 * The broker topology the messaging model implies (exchanges, exchange-to-exchange bindings, component queues with
 * their {@code _error} queues, queue bindings) as RabbitMQ definitions, the queue names, and the drift between
 * that plan and a live broker. Pure: no JMS, no HTTP.
 */
package org.openaperture.messaging.topology.domain;
