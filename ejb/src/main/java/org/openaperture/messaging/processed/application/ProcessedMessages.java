package org.openaperture.messaging.processed.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
        return firstDeliveries(consumer, List.of(messageId)).contains(messageId);
    }

    /**
     * {@link #firstDelivery} for many messages at once (one query, one batch of inserts): the ids of
     * {@code messageIds} that are new, now recorded. An id given twice is new once; an id too long to record
     * (over {@value ProcessedMessage#MAX_ID_LENGTH} characters) always counts as new.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> messageIds) {
        Set<String> fresh = new LinkedHashSet<>(messageIds);
        if (fresh.isEmpty()) {
            return fresh;
        }
        List<String> seen = em.createNamedQuery(ProcessedMessage.SEEN_OF, String.class)
                .setParameter("consumer", consumer)
                .setParameter("messageIds", fresh)
                .getResultList();
        for (String id : seen) {
            LOG.log(Level.INFO, "{0}: message {1} was processed before; skipping the redelivery", consumer, id);
        }
        fresh.removeAll(seen);
        for (String id : fresh) {
            if (id.length() <= ProcessedMessage.MAX_ID_LENGTH) {
                em.persist(new ProcessedMessage(consumer, id));
            } else {
                LOG.log(
                        Level.WARNING,
                        "{0}: a message id of {1} characters (more than {2}) cannot be recorded; it counts as new",
                        consumer,
                        id.length(),
                        ProcessedMessage.MAX_ID_LENGTH);
            }
        }
        em.flush();
        return fresh;
    }

    /** Forgets the messages processed longer ago than {@code retention}; returns how many. */
    public int forgetOlderThan(Duration retention) {
        return em.createNamedQuery(ProcessedMessage.DELETE_OLDER_THAN)
                .setParameter("before", Timestamps.nowUtc().minus(retention))
                .executeUpdate();
    }
}
