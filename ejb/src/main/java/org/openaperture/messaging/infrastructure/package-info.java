/**
 * Adapters between the messaging model and the outside: the Flyway schema migration and the JMS message
 * bodies that the message-driven beans hand to the application services.
 */
package org.openaperture.messaging.infrastructure;
