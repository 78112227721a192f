/** The Overseer's timers: this node's heartbeats and the module liveness sweep, on configured intervals. */
package org.openaperture.overseer.infrastructure;
