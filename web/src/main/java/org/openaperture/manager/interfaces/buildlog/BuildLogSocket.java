package org.openaperture.manager.interfaces.buildlog;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;
import org.openaperture.buildlog.application.BuildLogBroadcaster;
import org.openaperture.buildlog.domain.BuildLog;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.workflow.application.WorkflowService;

/**
 * {@code /ws/build_logs/{workflow_id}}: a workflow's build log, live, over WebSocket. The handshake needs the
 * same bearer token as the API ({@code Authorization: Bearer <token>}, any role that reads): web.xml protects
 * {@code /ws/*}, so the server refuses it with {@code 401} or {@code 403} before this endpoint is reached.
 *
 * <p>Once joined the client gets {@code {"topic":"build_log:<id>","event":"phx_reply","payload":{"status":"ok",...}}},
 * then one {@code {"topic":"build_log:<id>","event":"build_log","payload":{"logs":[...]}}} per batch of lines.
 * A Phoenix heartbeat ({@code {"topic":"phoenix","event":"heartbeat","ref":...}}) is answered; anything else the
 * client sends is ignored. An unknown workflow closes the socket with code {@value #UNKNOWN_WORKFLOW}.
 */
@ServerEndpoint("/ws/build_logs/{workflow_id}")
public class BuildLogSocket {
    private static final Logger LOG = System.getLogger(BuildLogSocket.class.getName());
    /** Application close code (4000-4999) for a workflow that does not exist: not found, as 404. */
    public static final int UNKNOWN_WORKFLOW = 4404;

    private BuildLogBroadcaster.Subscription subscription;

    @OnOpen
    public void open(Session session, @PathParam("workflow_id") String workflowId) throws IOException {
        String id;
        try {
            id = UUID.fromString(workflowId).toString();
            // Looked up here: the container, not CDI, creates endpoints.
            CDI.current().select(WorkflowService.class).get().get(id);
        } catch (IllegalArgumentException | UnknownEntityException e) {
            session.close(new CloseReason(() -> UNKNOWN_WORKFLOW, "workflow " + workflowId + " was not found"));
            return;
        }
        // Joined before the reply goes out, so a client that waits for the reply misses no line.
        subscription = CDI.current()
                .select(BuildLogBroadcaster.class)
                .get()
                .subscribe(id, log -> send(session, BuildLogFrames.buildLog(log)));
        send(session, BuildLogFrames.ok(BuildLog.topicOf(id), null));
    }

    @OnMessage
    public void message(Session session, String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            JsonObject frame = reader.readObject();
            if ("heartbeat".equals(frame.getString("event", null))) {
                send(session, BuildLogFrames.ok(frame.getString("topic", "phoenix"), frame.get("ref")));
            }
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            LOG.log(Level.DEBUG, "ignoring a frame that is not a JSON object: " + e.getMessage());
        }
    }

    @OnClose
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.DEBUG, "build-log socket failed: " + error);
        close();
    }

    /** One frame at a time per session; the send itself is asynchronous, so a slow client holds nobody up. */
    private static void send(Session session, String frame) {
        if (!session.isOpen()) {
            throw new IllegalStateException("the socket is closed");
        }
        synchronized (session) {
            session.getAsyncRemote().sendText(frame);
        }
    }
}
