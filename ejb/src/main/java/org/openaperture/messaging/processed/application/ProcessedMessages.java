package org.openaperture.messaging.processed.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.processed.domain.ProcessedMessage;

/**
 * Makes consumers idempotent (at-least-once delivery, effect once): a consumer asks before it acts, in the
 * transaction of its effect. Two deliveries of one message racing each other both insert; the database's
 * key refuses the second, whose transaction rolls back, and its retry finds the row.
 */
@Stateless
public class ProcessedMessages {
    private static final Logger LOG = System.getLogger(ProcessedMessages.class.getName());

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    /**
     * Records that {@code consumer} is having its effect for {@code messageId} and returns true, or returns
     * false when it already had: the caller then does nothing. A message without an id (a publisher that is
     * not ours) cannot be recognised again and always counts as new.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean firstDelivery(String consumer, String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return true;
        }
        if (em.find(ProcessedMessage.class, new ProcessedMessage.Key(consumer, messageId)) != null) {
            LOG.log(Level.INFO, "{0}: message {1} was processed before; skipping the redelivery", consumer, messageId);
            return false;
        }
        em.persist(new ProcessedMessage(consumer, messageId));
        em.flush();
        return true;
    }

    /** Forgets the messages processed longer ago than {@code retention}; returns how many. */
    public int forgetOlderThan(Duration retention) {
        return em.createNamedQuery(ProcessedMessage.DELETE_OLDER_THAN)
                .setParameter("before", Timestamps.nowUtc().minus(retention))
                .executeUpdate();
    }
}
