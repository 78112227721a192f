/**
 * What this node (one Payara instance) is: its exchange and the queues its components consume, read from
 * MicroProfile Config so that environment variables win over packaged defaults.
 */
package org.openaperture.node;
