package org.openaperture.messaging.outbox.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.UUID;
import org.openaperture.common.domain.Timestamps;

/**
 * A message caused by a database change, stored in the same transaction as the change and sent after
 * commit. Its id is the message id consumers use to recognise a redelivery.
 */
@Entity
@Cacheable(false) // not kept in the shared cache: one row per message sent, gone once confirmed
@Table(name = "outbox_messages")
@NamedQuery(
        name = OutboxMessage.DUE_IDS,
        query = "SELECT m.id FROM OutboxMessage m WHERE m.nextAttemptAt <= :now ORDER BY m.insertedAt")
@NamedQuery(name = OutboxMessage.DELETE_ALL, query = "DELETE FROM OutboxMessage m WHERE m.id IN :ids")
@NamedQuery(
        name = OutboxMessage.STILL_DUE,
        query = "SELECT m FROM OutboxMessage m WHERE m.id IN :ids AND m.nextAttemptAt <= :now ORDER BY m.id")
@NamedQuery(
        name = OutboxMessage.POSTPONE_ALL,
        query = "UPDATE OutboxMessage m SET m.nextAttemptAt = :until WHERE m.id IN :ids")
public class OutboxMessage {
    public static final String DUE_IDS = "OutboxMessage.dueIds";
    public static final String STILL_DUE = "OutboxMessage.stillDue";
    public static final String POSTPONE_ALL = "OutboxMessage.postponeAll";
    public static final String DELETE_ALL = "OutboxMessage.deleteAll";
    private static final int MAX_ERROR_LENGTH = 1024;

    @Id
    private String id;

    @Column(name = "messaging_exchange_id", nullable = false)
    private Long exchangeId;

    @Column(nullable = false)
    private String queue;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private LocalDateTime nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "inserted_at", nullable = false)
    private LocalDateTime insertedAt;

    protected OutboxMessage() {}

    public OutboxMessage(long exchangeId, String queue, String type, String body) {
        this.id = UUID.randomUUID().toString();
        this.exchangeId = exchangeId;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.type = Objects.requireNonNull(type, "type");
        this.body = Objects.requireNonNull(body, "body");
        this.insertedAt = Timestamps.nowUtc();
        this.nextAttemptAt = insertedAt;
    }

    /** Records a failed send and when to try again. */
    public void failed(String error, Duration retryIn) {
        attempts++;
        lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        nextAttemptAt = Timestamps.nowUtc().plus(retryIn);
    }

    /** Makes the message due again in {@code delay}, without counting an attempt. */
    public void dueIn(Duration delay) {
        nextAttemptAt = Timestamps.nowUtc().plus(delay);
    }

    public String id() {
        return id;
    }

    public long exchangeId() {
        return exchangeId;
    }

    public String queue() {
        return queue;
    }

    public String type() {
        return type;
    }

    public String body() {
        return body;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }
}
