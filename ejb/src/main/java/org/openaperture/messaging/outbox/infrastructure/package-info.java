/**
 * The outbox relay's timer and its sender, which publishes a stored message through the publish path.
 */
package org.openaperture.messaging.outbox.infrastructure;
