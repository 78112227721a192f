package org.openaperture.builder.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import org.openaperture.builder.domain.MilestoneRequest;
import org.openaperture.messaging.application.ProcessedMessages;

/**
 * Accepts a message from the {@code builder} queue: reads it and records its id, in one short transaction, so a
 * redelivery of a request already accepted starts nothing. Whoever calls this starts the job after it returned,
 * that is after the record committed.
 */
@Stateless
public class BuilderRequests {
    public static final String CONSUMER = "builder";

    @Inject
    ProcessedMessages processed;

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
        return Optional.of(request);
    }
}
