/**
 * Exporting the planned topology, comparing it with a live broker and applying what is missing, through the {@code
 * BrokerManagement} port.
 */
package org.openaperture.messaging.topology.application;
