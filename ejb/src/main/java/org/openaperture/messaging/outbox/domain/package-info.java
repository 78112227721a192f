/**
 * A message stored with the database change that causes it, waiting to be relayed.
 */
package org.openaperture.messaging.outbox.domain;
