package org.openaperture.messaging.outbox.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.LocalDateTime;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.outbox.domain.OutboxMessage;

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

    /**
     * Queues a message that the relay sends no earlier than {@code dueAt} (UTC): a delay that survives
     * restarts, kept in the database like every outbox message (RabbitMQ 3.10's AMQP 1.0 has no delayed
     * delivery). The relay looks for due messages every few seconds, so it leaves that much later.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public String enqueueAt(long exchangeId, String queue, String type, JsonObject body, LocalDateTime dueAt) {
        OutboxMessage message = new OutboxMessage(exchangeId, queue, type, body.toString());
        message.dueIn(Duration.between(Timestamps.nowUtc(), dueAt));
        em.persist(message);
        return message.id();
    }
}
