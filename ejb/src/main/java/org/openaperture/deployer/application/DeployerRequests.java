package org.openaperture.deployer.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * Accepts a message from the {@code deployer} or {@code deploy_oa} queue: reads it and records its id in one
 * short transaction, so a redelivery of a request already accepted starts nothing. The caller starts the job
 * after this returned, that is after the record committed.
 */
@Stateless
public class DeployerRequests {

    @Inject
    ProcessedMessages processed;

    /**
     * @param queue the logical queue it came from, {@code deployer} or {@code deploy_oa}
     * @return the request, or empty when this message was accepted before
     * @throws MilestoneRequest.Invalid when the message is no milestone request
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<MilestoneRequest> accept(String body, String messageId, String queue) {
        MilestoneRequest request = MilestoneRequest.parse(body);
        return processed.firstDelivery(queue, messageId) ? Optional.of(request) : Optional.empty();
    }
}
