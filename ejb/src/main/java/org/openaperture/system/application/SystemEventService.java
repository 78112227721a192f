package org.openaperture.system.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.common.infrastructure.FilteredQuery;
import org.openaperture.identity.application.UserDirectory;
import org.openaperture.identity.domain.User;
import org.openaperture.messaging.outbox.Outbox;
import org.openaperture.node.NodeIdentity;
import org.openaperture.system.domain.SystemEvent;
import org.openaperture.system.domain.SystemEventRules;

/** System events: raised by components, assigned to and dismissed by people. */
@Stateless
public class SystemEventService {
    public static final String EMAIL_QUEUE = "notifications_email";
    static final String EMAIL_SUBJECT = "[OpenAperture][SystemEvent]";
    static final int DEFAULT_LOOKBACK_HOURS = 24;

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    UserDirectory users;

    @Inject
    Outbox outbox;

    @Inject
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "openaperture.ui.url", defaultValue = "http://localhost:8080")
    String uiUrl;

    /** Which events to list: {@code lookback} wins over {@code assigneeId}; neither means the last 24 hours. */
    public record Filter(Integer lookbackHours, Long assigneeId, String type, String severity, Boolean dismissed) {}

    public Page<SystemEvent> list(Filter filter, PageRequest page) {
        var query = FilteredQuery.of(SystemEvent.class, "e");
        if (filter.lookbackHours() != null || filter.assigneeId() == null) {
            int hours = filter.lookbackHours() == null ? DEFAULT_LOOKBACK_HOURS : filter.lookbackHours();
            if (hours > 0) {
                query.where(
                        "e.insertedAt >= :since", "since", Timestamps.nowUtc().minusHours(hours));
            }
        } else {
            query.where("e.assigneeId = :assignee", "assignee", filter.assigneeId());
        }
        if (filter.type() != null) {
            query.where("e.type = :type", "type", filter.type());
        }
        if (filter.severity() != null) {
            query.where("e.severity = :severity", "severity", filter.severity());
        }
        if (filter.dismissed() != null) {
            query.where(filter.dismissed() ? "e.dismissedAt IS NOT NULL" : "e.dismissedAt IS NULL");
        }
        return query.page(em, "e.id", page);
    }

    public SystemEvent get(long id) {
        SystemEvent event = em.find(SystemEvent.class, id);
        if (event == null) {
            throw new UnknownEntityException(SystemEvent.KIND, id);
        }
        return event;
    }

    /** Records an event; a {@code unique} one is refused (409) when it repeats an event of the last hour. */
    public SystemEvent raise(String type, String severity, String message, JsonValue data, boolean unique) {
        if (unique) {
            LocalDateTime since = Timestamps.nowUtc().minus(SystemEventRules.UNIQUE_WINDOW);
            var recent = em.createNamedQuery(SystemEvent.OF_TYPE_SINCE, SystemEvent.class)
                    .setParameter("type", type)
                    .setParameter("since", since)
                    .getResultStream()
                    .map(e -> JsonText.read(e.dataJson()))
                    .toList();
            if (SystemEventRules.duplicates(data, recent)) {
                throw new DuplicateEntityException(
                        "a " + type + " event with the same data was raised in the last hour");
            }
        }
        SystemEvent event = new SystemEvent(type, severity, message, JsonText.write(data));
        em.persist(event);
        em.flush();
        return event;
    }

    /** Assigns the event to a user, on behalf of another, and tells the assignee by email when it can. */
    public void assign(long id, Long assigneeId, long byUserId) {
        SystemEvent event = get(id);
        if (assigneeId == null) {
            throw new InvalidRequestException("assignee_id", "assignee_id is required");
        }
        User assignee = users.find(assigneeId)
                .orElseThrow(
                        () -> new InvalidRequestException("assignee_id", "user " + assigneeId + " does not exist"));
        event.assign(assigneeId, byUserId);
        email(
                assignee,
                "System event " + id + " (" + event.type() + ", " + event.severity() + ") has been assigned to you.");
    }

    /** Dismisses the event; its assignee, if any, is told by email. */
    public void dismiss(long id, Long dismissedById, long byUserId, String reason) {
        SystemEvent event = get(id);
        long dismisser = dismissedById == null ? byUserId : dismissedById;
        if (users.find(dismisser).isEmpty()) {
            throw new InvalidRequestException("dismissed_by_id", "user " + dismisser + " does not exist");
        }
        event.dismiss(dismisser, reason);
        Optional.ofNullable(event.assigneeId())
                .flatMap(users::find)
                .ifPresent(assignee -> email(
                        assignee,
                        "System event " + id + " (" + event.type() + ") assigned to you has been dismissed"
                                + (reason == null ? "." : ": " + reason)));
    }

    private void email(User to, String text) {
        if (to.email() == null || to.email().isBlank()) {
            return;
        }
        outbox.enqueue(
                node.exchangeId(),
                EMAIL_QUEUE,
                "notifications.email",
                Json.createObjectBuilder()
                        .add("prefix", EMAIL_SUBJECT)
                        .add("message", text + " " + uiUrl + "/index.html#/oa/system_events")
                        .add(
                                "notifications",
                                Json.createObjectBuilder()
                                        .add(
                                                "email_addresses",
                                                Json.createArrayBuilder().add(to.email())))
                        .build());
    }
}
