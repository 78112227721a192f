package org.openaperture.worker.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The message the Builder sends back to the orchestrator when a milestone ends (components.md §1.8): the
 * envelope it received, echoed with everything transient, plus what the milestone found out, its event log
 * lines, and {@code orchestration_event} {@code step_completed} or {@code step_failed} with
 * {@code failure_reason}. The {@code orchestration_dispatch_id} is echoed so the orchestrator can tell a stale
 * callback.
 */
public final class MilestoneCallback {
    private MilestoneCallback() {}

    public static JsonObject completed(MilestoneRequest request, JsonObject results, List<String> events) {
        JsonObjectBuilder b = base(request, results, events);
        b.add("orchestration_event", "step_completed").add("workflow_error", false);
        return b.build();
    }

    /**
     * {@code step_failed(req, message, reason)}: the workflow is failed and completed, {@code reason} goes to the
     * event log and to {@code failure_reason}.
     */
    public static JsonObject failed(MilestoneRequest request, JsonObject results, List<String> events, String reason) {
        List<String> log = new java.util.ArrayList<>(events);
        log.add(reason);
        JsonObjectBuilder b = base(request, results, log);
        b.add("orchestration_event", "step_failed")
                .add("workflow_error", true)
                .add("workflow_completed", true)
                .add("failure_reason", reason);
        return b.build();
    }

    private static JsonObjectBuilder base(MilestoneRequest request, JsonObject results, List<String> events) {
        JsonObjectBuilder b = JSON.createObjectBuilder(request.envelope());
        results.forEach(b::add);
        JsonArrayBuilder log = JSON.createArrayBuilder();
        if (request.envelope().get("event_log") instanceof jakarta.json.JsonArray earlier) {
            earlier.forEach(log::add);
        }
        events.forEach(log::add);
        b.add("event_log", log);
        b.remove("action");
        if (request.step() == null) {
            b.add("current_step", JsonValue.NULL);
        }
        return b;
    }
}
