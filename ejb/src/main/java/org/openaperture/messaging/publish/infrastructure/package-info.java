/**
 * The publish path over JMS: the envelope as a JMS message and back, the send through the resource adapter's
 * pooled factory of a broker connection, and the wiring of publishing and consumer failover events.
 */
package org.openaperture.messaging.publish.infrastructure;
