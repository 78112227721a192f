/**
 * Removal of RPC request rows older than a day, on a timer.
 */
package org.openaperture.messaging.rpc.infrastructure;
