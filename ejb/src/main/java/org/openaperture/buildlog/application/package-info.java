/**
 * Hands build-log lines to whoever watches a workflow on this node, in memory: the broadcaster knows neither
 * where the lines come from (a queue) nor where they go (WebSocket, SSE). Nothing is stored.
 */
package org.openaperture.buildlog.application;
