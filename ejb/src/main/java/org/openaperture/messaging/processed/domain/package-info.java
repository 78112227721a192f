/**
 * The id of a message a consumer already handled, recorded so that a redelivery is recognised.
 */
package org.openaperture.messaging.processed.domain;
