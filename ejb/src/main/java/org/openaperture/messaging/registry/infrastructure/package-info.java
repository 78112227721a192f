/**
 * The two adapters of the {@code MessagingDirectory} port: the database (a Manager node) and the Manager's REST
 * API with a cache (a worker node), and the producer that picks one by configuration.
 */
package org.openaperture.messaging.registry.infrastructure;
