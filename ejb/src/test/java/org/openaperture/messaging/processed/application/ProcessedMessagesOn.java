package org.openaperture.messaging.processed.application;

import jakarta.persistence.EntityManager;

/** For tests of other packages: the processed-message record over a test entity manager. */
public final class ProcessedMessagesOn {
    private ProcessedMessagesOn() {}

    public static ProcessedMessages entityManager(EntityManager em) {
        ProcessedMessages processed = new ProcessedMessages();
        processed.em = em;
        return processed;
    }
}
