package org.openaperture.deployer.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.worker.application.WorkerMessages;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * What the Deployer sends while and after it works, each in its own transaction through the outbox: chat
 * notifications, and the one callback to the orchestrator that ends a request.
 */
@Stateless
public class DeployerCallbacks {
    public static final String COMPONENT = "deployer";

    @Inject
    Outbox outbox;

    /** Queues the callback (a {@code MilestoneCallback}) and, for a failed step, {@code failureMessage} in chat. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void callBack(MilestoneRequest request, JsonObject callback, String failureMessage) {
        WorkerMessages.callBack(outbox, COMPONENT, request, callback, failureMessage);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void notify(MilestoneRequest request, boolean success, String message) {
        WorkerMessages.notify(outbox, request, success, message);
    }
}
