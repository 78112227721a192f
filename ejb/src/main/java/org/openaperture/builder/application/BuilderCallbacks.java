package org.openaperture.builder.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.openaperture.builder.domain.BuilderNotifications;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.worker.application.WorkerMessages;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * What the Builder sends while and after it works, all through the outbox: the callback to the orchestrator
 * ({@code orchestration_queue_name} of {@code workflow_orchestration_exchange_id}), chat notifications (the
 * warnings of a long milestone) and batches of build log lines ({@code build_logs}).
 */
@Stateless
public class BuilderCallbacks {
    private static final Logger LOG = System.getLogger(BuilderCallbacks.class.getName());
    public static final String BUILD_LOGS_QUEUE = "build_logs";

    @Inject
    Outbox outbox;

    /**
     * Queues the milestone's callback ({@code callback} is a {@code MilestoneCallback}) and, for a failed one, the
     * failure chat notification of §1.8.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void callBack(MilestoneRequest request, JsonObject callback) {
        WorkerMessages.callBack(outbox, BuilderRequests.CONSUMER, request, callback, BuilderNotifications.FAILED);
    }

    /** Queues one chat notification (§1.8), such as a §4.5 warning. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void notify(MilestoneRequest request, boolean success, String message) {
        WorkerMessages.notify(outbox, request, success, message);
    }

    /** Queues one batch of build log lines; fire-and-forget (§4.4): a failure is only logged. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void buildLog(long exchangeId, String workflowId, List<String> lines) {
        JsonArrayBuilder logs = JSON.createArrayBuilder();
        lines.forEach(logs::add);
        outbox.enqueue(
                exchangeId,
                BUILD_LOGS_QUEUE,
                "build_logs",
                JSON.createObjectBuilder()
                        .add("workflow_id", workflowId)
                        .add("logs", logs)
                        .build());
        LOG.log(Level.DEBUG, "{0} build log line(s) of workflow {1} queued", lines.size(), workflowId);
    }
}
