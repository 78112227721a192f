package org.openaperture.workflow.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openaperture.worker.domain.MilestoneCallback;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepCompleted;
import org.openaperture.workflow.domain.WorkflowStateMachine.StepFailed;

/** The Builder's callbacks read by the orchestrator as the events they stand for, with the dispatch they answer. */
class BuilderCallbackContractTest {
    private static final MilestoneRequest REQUEST = MilestoneRequest.parse(
            "{\"id\":\"6f0b3f4e-9d3c-4e53-9b2a-0b8a1e0f1a01\",\"workflow_id\":\"6f0b3f4e-9d3c-4e53-9b2a-0b8a1e0f1a01\","
                    + "\"current_step\":\"build\",\"orchestration_dispatch_id\":\"d-1\","
                    + "\"workflow_orchestration_exchange_id\":1,\"orchestration_queue_name\":\"workflow_orchestration\"}");

    @Test
    void stepCompleted() {
        OrchestrationMessage m = OrchestrationMessage.parse(
                MilestoneCallback.completed(REQUEST, Json.createObjectBuilder().build(), List.of("built"))
                        .toString());
        StepCompleted event = assertInstanceOf(StepCompleted.class, m.event());
        assertEquals("build", event.step());
        assertEquals("d-1", event.dispatchId());
    }

    @Test
    void stepFailedWithItsReason() {
        OrchestrationMessage m = OrchestrationMessage.parse(
                MilestoneCallback.failed(REQUEST, Json.createObjectBuilder().build(), List.of(), "exit 2")
                        .toString());
        StepFailed event = assertInstanceOf(StepFailed.class, m.event());
        assertEquals("d-1", event.dispatchId());
        assertEquals("exit 2", event.reason());
    }
}
