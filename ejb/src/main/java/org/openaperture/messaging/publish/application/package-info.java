/**
 * The publish path without JMS: resolving the broker connection of a target exchange by the restriction rules,
 * publishing with retries and failover to the failover broker and exchange, and keeping the failover state that
 * health, metrics and system events show.
 */
package org.openaperture.messaging.publish.application;
