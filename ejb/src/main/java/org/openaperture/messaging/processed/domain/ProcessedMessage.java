package org.openaperture.messaging.processed.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.Objects;
import org.openaperture.common.domain.Timestamps;

/**
 * A message a consumer has had its effect for. Written in the same transaction as the effect, so a
 * message either has its effect and its row, or neither; a redelivery finds the row and is skipped.
 */
@Entity
@Cacheable(false) // not kept in the shared cache: one row per message consumed
@Table(name = "processed_messages")
@IdClass(ProcessedMessage.Key.class)
@NamedQuery(
        name = ProcessedMessage.DELETE_OLDER_THAN,
        query = "DELETE FROM ProcessedMessage p WHERE p.processedAt < :before")
@NamedQuery(
        name = ProcessedMessage.COUNT_FOR,
        query = "SELECT COUNT(p) FROM ProcessedMessage p WHERE p.consumer = :consumer")
@NamedQuery(
        name = ProcessedMessage.SEEN_OF,
        query = "SELECT p.messageId FROM ProcessedMessage p WHERE p.consumer = :consumer"
                + " AND p.messageId IN :messageIds")
public class ProcessedMessage {
    public static final String SEEN_OF = "ProcessedMessage.seenOf";
    /** The longest message id recorded (the column's width). */
    public static final int MAX_ID_LENGTH = 128;

    public static final String DELETE_OLDER_THAN = "ProcessedMessage.deleteOlderThan";
    public static final String COUNT_FOR = "ProcessedMessage.countFor";

    /** The composite key: consumer and message id. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String consumer;
        private String messageId;

        public Key() {}

        public Key(String consumer, String messageId) {
            this.consumer = consumer;
            this.messageId = messageId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that
                    && Objects.equals(consumer, that.consumer)
                    && Objects.equals(messageId, that.messageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, messageId);
        }
    }

    @Id
    @Column(nullable = false)
    private String consumer;

    @Id
    @Column(name = "message_id", nullable = false, length = MAX_ID_LENGTH)
    private String messageId;

    @Column(name = "processed_at", nullable = false)
    private LocalDateTime processedAt;

    protected ProcessedMessage() {}

    public ProcessedMessage(String consumer, String messageId) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.processedAt = Timestamps.nowUtc();
    }
}
