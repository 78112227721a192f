package org.openaperture.manager.interfaces.buildlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.buildlog.domain.BuildLog;

/** The frames a WebSocket watcher gets, in the shape of the original's Phoenix channel messages. */
class BuildLogFramesTest {

    @Test
    void aBatchOfLinesIsABuildLogEventOnTheWorkflowsTopic() {
        assertEquals(
                "{\"topic\":\"build_log:w-1\",\"event\":\"build_log\",\"payload\":{\"logs\":[\"a\",\"b\"]}}",
                BuildLogFrames.buildLog(new BuildLog("w-1", List.of("a", "b"))));
    }

    @Test
    void aJoinOrHeartbeatIsAnsweredOkEchoingTheClientsRef() {
        assertEquals(
                "{\"topic\":\"build_log:w-1\",\"event\":\"phx_reply\",\"payload\":{\"status\":\"ok\",\"response\":{}}}",
                BuildLogFrames.ok("build_log:w-1", null));
        assertEquals(
                "{\"topic\":\"phoenix\",\"event\":\"phx_reply\",\"payload\":{\"status\":\"ok\",\"response\":{}},"
                        + "\"ref\":\"7\"}",
                BuildLogFrames.ok("phoenix", Json.createValue("7")));
    }

    @Test
    void theSsePayloadIsTheLinesAlone() {
        assertEquals(
                "{\"logs\":[\"x\"]}",
                BuildLogFrames.payload(new BuildLog("w", List.of("x"))).toString());
    }
}
