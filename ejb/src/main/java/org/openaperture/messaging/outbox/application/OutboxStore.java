package org.openaperture.messaging.outbox.application;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.outbox.domain.OutboxMessage;

/**
 * The relay's view of the outbox, each step in a transaction of its own: claim due messages (several nodes
 * may relay at once; a claim postpones the message so nobody else sends it meanwhile), then forget a sent
 * one or record a failure.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore implements OutboxRelayRun.Store {
    /** How long a claimed message is left alone; a send is bounded far below this. */
    static final Duration CLAIM = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    /**
     * Claims up to {@code max} due messages for this caller, oldest first, in three statements whatever their
     * number: the oldest due are read, then locked (in id order) if still due, then postponed together. A node
     * claiming the same ones at the same time waits for this transaction at the lock, then finds them no longer
     * due.
     */
    @Override
    public List<OutboxMessage> claimDue(int max) {
        var now = Timestamps.nowUtc();
        List<String> oldest = em.createNamedQuery(OutboxMessage.DUE_IDS, String.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        if (oldest.isEmpty()) {
            return List.of();
        }
        Map<String, OutboxMessage> locked = em.createNamedQuery(OutboxMessage.STILL_DUE, OutboxMessage.class)
                .setParameter("ids", oldest)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .collect(Collectors.toMap(OutboxMessage::id, m -> m));
        if (locked.isEmpty()) {
            return List.of();
        }
        em.createNamedQuery(OutboxMessage.POSTPONE_ALL)
                .setParameter("ids", locked.keySet())
                .setParameter("until", now.plus(CLAIM))
                .executeUpdate();
        // Detached, they keep what they were: the caller sends them as read, oldest first.
        locked.values().forEach(em::detach);
        return oldest.stream().map(locked::get).filter(Objects::nonNull).toList();
    }

    @Override
    public void delivered(List<String> ids) {
        em.createNamedQuery(OutboxMessage.DELETE_ALL).setParameter("ids", ids).executeUpdate();
    }

    @Override
    public void failed(String id, String error, Duration retryIn) {
        Optional.ofNullable(em.find(OutboxMessage.class, id)).ifPresent(m -> m.failed(error, retryIn));
    }

    @Override
    public void release(String id, Duration retryIn) {
        Optional.ofNullable(em.find(OutboxMessage.class, id)).ifPresent(m -> m.dueIn(retryIn));
    }

    public long pending() {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMessage m", Long.class)
                .getSingleResult();
    }
}
