package org.openaperture.messaging.outbox.application;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /** Claims up to {@code max} due messages for this caller. */
    @Override
    public List<OutboxMessage> claimDue(int max) {
        var now = Timestamps.nowUtc();
        List<OutboxMessage> due = em.createNamedQuery(OutboxMessage.DUE, OutboxMessage.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        return due.stream()
                .filter(m -> em.createNamedQuery(OutboxMessage.POSTPONE)
                                .setParameter("id", m.id())
                                .setParameter("now", now)
                                .setParameter("until", now.plus(CLAIM))
                                .executeUpdate()
                        == 1)
                .peek(em::detach)
                .toList();
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
