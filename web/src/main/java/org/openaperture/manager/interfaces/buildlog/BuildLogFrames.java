package org.openaperture.manager.interfaces.buildlog;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openaperture.buildlog.domain.BuildLog;

/**
 * What a watcher receives, in the shape of the original's Phoenix channel messages:
 * {@code {"topic":"build_log:<id>","event":"build_log","payload":{"logs":[...]}}}, and the join reply
 * {@code {"topic":"build_log:<id>","event":"phx_reply","payload":{"status":"ok","response":{}}}}.
 */
public final class BuildLogFrames {
    public static final String BUILD_LOG = "build_log";
    public static final String REPLY = "phx_reply";

    private BuildLogFrames() {}

    /** The payload of a build-log event: {@code {"logs":[...]}} (also the data of an SSE event). */
    public static JsonObject payload(BuildLog log) {
        return JSON.createObjectBuilder().add("logs", log.logsJson()).build();
    }

    public static String buildLog(BuildLog log) {
        return frame(log.topic(), BUILD_LOG, payload(log), null);
    }

    /** {@code ok} to a join or a heartbeat; {@code ref} echoes the client's, when it sent one. */
    public static String ok(String topic, JsonValue ref) {
        return frame(
                topic,
                REPLY,
                JSON.createObjectBuilder()
                        .add("status", "ok")
                        .add("response", JsonValue.EMPTY_JSON_OBJECT)
                        .build(),
                ref);
    }

    private static String frame(String topic, String event, JsonObject payload, JsonValue ref) {
        var frame = JSON.createObjectBuilder()
                .add("topic", topic)
                .add("event", event)
                .add("payload", payload);
        if (ref != null) {
            frame.add("ref", ref);
        }
        return frame.build().toString();
    }
}
