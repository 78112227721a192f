package org.openaperture.builder.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.openaperture.builder.domain.BuilderNotifications;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.node.NodeConfig;
import org.openaperture.worker.application.WorkerMessages;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * Accepts a message from the {@code builder} queue: reads it, records its id and queues the "being processed"
 * chat notification, in one short transaction, so a redelivery of a request already accepted starts nothing. Whoever calls this starts the job after it returned,
 * that is after the record committed.
 */
@Stateless
public class BuilderRequests {
    public static final String CONSUMER = QueueNames.BUILDER;

    @Inject
    ProcessedMessages processed;

    @Inject
    Outbox outbox;

    @Inject
    NodeConfig node;

    /**
     * @return the request, or empty when this message was accepted before
     * @throws MilestoneRequest.Invalid when the message is no Builder request
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<MilestoneRequest> accept(String body, String messageId) {
        MilestoneRequest request = MilestoneRequest.parse(body);
        if (!processed.firstDelivery(CONSUMER, messageId)) {
            return Optional.empty();
        }
        if (!request.cancel()) {
            WorkerMessages.notify(outbox, request, BuilderNotifications.accepted(request, node.hostname()));
        }
        return Optional.of(request);
    }
}
