/**
 * The Overseer's use cases: turning module heartbeats into the register of running modules, publishing this
 * node's own heartbeats, and the liveness rule that turns silent modules inactive and then removes them.
 */
package org.openaperture.overseer.application;
