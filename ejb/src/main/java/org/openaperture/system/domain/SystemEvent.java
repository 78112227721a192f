package org.openaperture.system.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;
import org.openaperture.common.domain.IdBlocks;
import org.openaperture.common.domain.TimestampedEntity;
import org.openaperture.common.domain.Timestamps;

/** Something an operator should know about (an error, an upgrade, a module gone silent). */
@Entity
@Cacheable(false) // not kept in the shared cache: one row per event, written in bursts (a liveness sweep)
@Table(name = "system_events")
@NamedQuery(
        name = SystemEvent.OF_TYPE_SINCE,
        query = "SELECT e FROM SystemEvent e WHERE e.type = :type AND e.insertedAt >= :since")
@NamedQuery(
        name = SystemEvent.OPEN_CONDITION,
        query = "SELECT e FROM SystemEvent e WHERE e.conditionKey = :key AND e.conditionClearedAt IS NULL")
@NamedQuery(
        name = SystemEvent.OPEN_CONDITIONS_LIKE,
        query = "SELECT e FROM SystemEvent e WHERE e.conditionKey LIKE :prefix AND e.conditionClearedAt IS NULL")
@NamedQuery(
        name = SystemEvent.OPEN_CONDITIONS_IN,
        query = "SELECT e FROM SystemEvent e WHERE e.conditionKey IN :keys AND e.conditionClearedAt IS NULL"
                + " ORDER BY e.id")
public class SystemEvent extends TimestampedEntity {
    public static final String KIND = "SystemEvent";
    public static final String OF_TYPE_SINCE = "SystemEvent.ofTypeSince";
    public static final String OPEN_CONDITION = "SystemEvent.openCondition";
    public static final String OPEN_CONDITIONS_LIKE = "SystemEvent.openConditionsLike";
    public static final String OPEN_CONDITIONS_IN = "SystemEvent.openConditionsIn";

    @Id
    @SequenceGenerator(name = "system_event_seq", sequenceName = "system_events_seq", allocationSize = IdBlocks.SIZE)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "system_event_seq")
    private Long id;

    @Column(nullable = false)
    private String type;

    private String message;

    @Column(nullable = false)
    private String severity;

    private String data;

    @Column(name = "dismissed_at")
    private LocalDateTime dismissedAt;

    @Column(name = "dismissed_by_id")
    private Long dismissedById;

    @Column(name = "dismissed_reason")
    private String dismissedReason;

    @Column(name = "assigned_at")
    private LocalDateTime assignedAt;

    @Column(name = "assignee_id")
    private Long assigneeId;

    @Column(name = "assigned_by_id")
    private Long assignedById;

    @Column(name = "condition_key", length = 512)
    private String conditionKey;

    @Column(name = "condition_cleared_at")
    private LocalDateTime conditionClearedAt;

    protected SystemEvent() {}

    public SystemEvent(String type, String severity, String message, String dataJson) {
        this.type = Objects.requireNonNull(type, "type");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.message = message;
        this.data = dataJson;
    }

    /** Raised for a lasting condition: no second event with this key while this one is open. */
    public void forCondition(String key) {
        this.conditionKey = Objects.requireNonNull(key, "key");
    }

    /** The condition has ended: a new occurrence raises a new event. */
    public void clearCondition() {
        if (conditionClearedAt == null) {
            conditionClearedAt = Timestamps.nowUtc();
        }
    }

    public String conditionKey() {
        return conditionKey;
    }

    public LocalDateTime conditionClearedAt() {
        return conditionClearedAt;
    }

    public void assign(long assigneeId, long assignedById) {
        this.assigneeId = assigneeId;
        this.assignedById = assignedById;
        this.assignedAt = Timestamps.nowUtc();
    }

    public void dismiss(long dismissedById, String reason) {
        this.dismissedById = dismissedById;
        this.dismissedReason = reason;
        this.dismissedAt = Timestamps.nowUtc();
    }

    public Long id() {
        return id;
    }

    public String type() {
        return type;
    }

    public String message() {
        return message;
    }

    public String severity() {
        return severity;
    }

    public String dataJson() {
        return data;
    }

    public LocalDateTime dismissedAt() {
        return dismissedAt;
    }

    public Long dismissedById() {
        return dismissedById;
    }

    public String dismissedReason() {
        return dismissedReason;
    }

    public LocalDateTime assignedAt() {
        return assignedAt;
    }

    public Long assigneeId() {
        return assigneeId;
    }

    public Long assignedById() {
        return assignedById;
    }
}
