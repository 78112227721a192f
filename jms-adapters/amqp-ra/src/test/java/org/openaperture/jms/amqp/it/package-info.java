/**
 * Integration tests against the real RabbitMQ of the test machine (AMQP 1.0 and management plugins), with
 * no application server: small test doubles stand in for the container's bootstrap context, endpoint
 * factory and connection pool.
 */
package org.openaperture.jms.amqp.it;
