/**
 * Build logs to people, live: the WebSocket endpoint {@code /ws/build_logs/{workflow_id}} and the SSE streams
 * of {@code GET /workflows/{id}/build_logs}, both fed by the broadcaster of the EJB module.
 */
package org.openaperture.manager.interfaces.buildlog;
