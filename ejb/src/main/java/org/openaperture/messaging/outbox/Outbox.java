package org.openaperture.messaging.outbox;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Where a database change puts the messages it causes: they are stored in the change's own transaction
 * and relayed to the broker after it commits, so a change and its messages happen together or not at all.
 */
@Stateless
public class Outbox {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Event<Queued> queued;

    /** Fired when a transaction with new outbox messages commits, so the relay need not wait for its timer. */
    public record Queued(String messageId) {}

    /**
     * Queues a message for logical queue {@code queue} of exchange {@code exchangeId}.
     *
     * @return the message id, which consumers use to recognise a redelivery
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public String enqueue(long exchangeId, String queue, String type, JsonObject body) {
        OutboxMessage message = new OutboxMessage(exchangeId, queue, type, body.toString());
        em.persist(message);
        queued.fire(new Queued(message.id()));
        return message.id();
    }
}
