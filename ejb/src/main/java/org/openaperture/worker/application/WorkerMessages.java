package org.openaperture.worker.application;

import jakarta.json.JsonObject;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.worker.domain.MilestoneRequest;
import org.openaperture.worker.domain.WorkerNotifications;

/**
 * What a worker (Builder, Deployer) queues in the outbox about a milestone request (components.md §1.8): chat
 * notifications, and the callback to the orchestrator ({@code orchestration_queue_name} of {@code
 * workflow_orchestration_exchange_id}) with, for a failed step, its failure notification. The caller owns the
 * transaction.
 */
public final class WorkerMessages {
    private WorkerMessages() {}

    /**
     * Queues the milestone's callback ({@code callback} is a {@link
     * org.openaperture.worker.domain.MilestoneCallback}), typed {@code <component>.<event>}, and for a failed
     * one the failure chat notification carrying {@code failureMessage}.
     *
     * @throws IllegalArgumentException when the request names nowhere to call back
     */
    public static void callBack(
            Outbox outbox, String component, MilestoneRequest request, JsonObject callback, String failureMessage) {
        Long exchange = request.orchestrationExchangeId();
        if (exchange == null) {
            throw new IllegalArgumentException("the request for workflow " + request.workflowId()
                    + " names no workflow_orchestration_exchange_id: its result cannot be reported");
        }
        String event = callback.getString("orchestration_event", "step_completed");
        outbox.enqueue(exchange, request.orchestrationQueue(), component + "." + event, callback);
        if ("step_failed".equals(event)) {
            notify(outbox, request, false, failureMessage);
        }
    }

    /** Queues one chat notification, when the request names a notifications exchange. */
    public static void notify(Outbox outbox, MilestoneRequest request, boolean success, String message) {
        notify(outbox, request, WorkerNotifications.chat(request, success, message));
    }

    /** Queues {@code chat} (a {@link WorkerNotifications#chat}), when the request names a notifications exchange. */
    public static void notify(Outbox outbox, MilestoneRequest request, JsonObject chat) {
        Long notifications = request.notificationsExchangeId();
        if (notifications != null) {
            outbox.enqueue(notifications, WorkerNotifications.CHAT_QUEUE, WorkerNotifications.MESSAGE_TYPE, chat);
        }
    }
}
