/**
 * The RabbitMQ management API client behind {@code BrokerManagement}, and the definitions JSON it reads and
 * writes.
 */
package org.openaperture.messaging.topology.infrastructure;
