package org.openaperture.common.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.LocalDateTime;

/** Adds the {@code inserted_at} and {@code updated_at} columns every table of the model carries. */
@MappedSuperclass
public abstract class TimestampedEntity {

    @Column(name = "inserted_at", nullable = false, updatable = false)
    private LocalDateTime insertedAt;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @PrePersist
    void onInsert() {
        insertedAt = Timestamps.nowUtc();
        updatedAt = insertedAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Timestamps.nowUtc();
    }

    /** Marks the row as changed now even when no column changed (a heartbeat refreshes a module). */
    protected void touch() {
        updatedAt = Timestamps.nowUtc();
    }

    public LocalDateTime insertedAt() {
        return insertedAt;
    }

    public LocalDateTime updatedAt() {
        return updatedAt;
    }
}
