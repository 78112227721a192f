/**
 * Adapters between the messaging model and the outside: reading the JSON bodies the message-driven beans
 * receive, sending the outbox through JMS, and reading the model itself from the database (a Manager node) or
 * from the Manager's REST API (a worker node).
 */
package org.openaperture.messaging.infrastructure;
