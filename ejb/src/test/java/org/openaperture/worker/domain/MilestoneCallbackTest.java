package org.openaperture.worker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MilestoneCallbackTest {
    private static final String REQUEST =
            """
            {"id":"6f0b3f4e-9d3c-4e53-9b2a-0b8a1e0f1a01","current_step":"build","deployment_repo":"org/app_docker",
             "orchestration_dispatch_id":"d-1","workflow_orchestration_exchange_id":7,"notifications_exchange_id":"8",
             "orchestration_queue_name":"workflow_orchestration","docker_build_etcd_token":"t",
             "event_log":["earlier"],"execute_options":{"force_build":true}}""";

    @Test
    void completedEchoesTheEnvelopeWithTheResults() {
        MilestoneRequest request = MilestoneRequest.parse(REQUEST);
        JsonObject cb = MilestoneCallback.completed(
                request,
                Json.createObjectBuilder()
                        .add("etcd_token", "123abc")
                        .add("deployable_units", Json.createArrayBuilder())
                        .build(),
                List.of("built"));
        assertEquals("step_completed", cb.getString("orchestration_event"));
        assertEquals("d-1", cb.getString("orchestration_dispatch_id"));
        assertEquals("t", cb.getString("docker_build_etcd_token"));
        assertEquals("123abc", cb.getString("etcd_token"));
        assertEquals(0, cb.getJsonArray("deployable_units").size());
        assertEquals(
                List.of("earlier", "built"),
                cb.getJsonArray("event_log").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(cb.getBoolean("workflow_error"));
        assertEquals("build", cb.getString("current_step"));
    }

    @Test
    void failedCarriesTheReason() {
        JsonObject cb = MilestoneCallback.failed(
                MilestoneRequest.parse(REQUEST), Json.createObjectBuilder().build(), List.of(), "exit 3");
        assertEquals("step_failed", cb.getString("orchestration_event"));
        assertTrue(cb.getBoolean("workflow_error"));
        assertTrue(cb.getBoolean("workflow_completed"));
        assertEquals("exit 3", cb.getString("failure_reason"));
        assertEquals("exit 3", cb.getJsonArray("event_log").getString(1));
    }

    @Test
    void readsWhereToCallBack() {
        MilestoneRequest request = MilestoneRequest.parse(REQUEST);
        assertEquals(7L, request.orchestrationExchangeId());
        assertEquals(8L, request.buildLogExchangeId());
        assertEquals("workflow_orchestration", request.orchestrationQueue());
        assertTrue(request.forceBuild());
        assertEquals("master", request.deploymentRepoRef());
        assertFalse(request.cancel());
    }

    @Test
    void readsACancel() {
        MilestoneRequest cancel = MilestoneRequest.parse(
                "{\"action\":\"cancel\",\"id\":\"w1\",\"workflow_id\":\"w1\",\"current_step\":\"build\"}");
        assertTrue(cancel.cancel());
        assertEquals("w1", cancel.workflowId());
    }

    @Test
    void refusesAMessageWithoutWorkflow() {
        assertThrows(MilestoneRequest.Invalid.class, () -> MilestoneRequest.parse("{\"current_step\":\"build\"}"));
        assertThrows(MilestoneRequest.Invalid.class, () -> MilestoneRequest.parse("not json"));
        assertNull(MilestoneRequest.parse("{\"id\":\"w\"}").step());
    }
}
