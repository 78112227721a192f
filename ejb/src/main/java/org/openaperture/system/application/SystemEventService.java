package org.openaperture.system.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.FilteredQuery;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.JsonText;
import org.openaperture.common.domain.Page;
import org.openaperture.common.domain.PageRequest;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.identity.application.UserDirectory;
import org.openaperture.identity.domain.User;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.publish.application.BrokerSwitched;
import org.openaperture.messaging.registry.application.NodeIdentity;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.system.domain.SystemEvent;
import org.openaperture.system.domain.SystemEventRules;

/** System events: raised by components, assigned to and dismissed by people. */
@Stateless
public class SystemEventService {
    public static final String EMAIL_QUEUE = QueueNames.NOTIFICATIONS_EMAIL;
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

    /** An event to raise with {@link #raiseAll}. */
    public record NewEvent(String type, String severity, String message, JsonValue data) {}

    /** Events written per flush by {@link #raiseAll}. */
    static final int EVENTS_PER_FLUSH = 1_000;

    /**
     * Raises events that need no uniqueness check, in the caller's transaction, a flush per thousand (a sweep may
     * raise tens of thousands). After each flush the persistence context is cleared, so that the events written
     * do not stay in memory until the commit: call it last in a transaction, as entities the caller read before
     * are detached by it.
     */
    public void raiseAll(List<NewEvent> events) {
        for (int from = 0; from < events.size(); from += EVENTS_PER_FLUSH) {
            for (NewEvent e : events.subList(from, Math.min(events.size(), from + EVENTS_PER_FLUSH))) {
                em.persist(new SystemEvent(e.type(), e.severity(), e.message(), JsonText.write(e.data())));
            }
            em.flush();
            em.clear();
        }
    }

    /**
     * Raises an event for a condition that lasts, once: while an event raised with {@code key} is open (not
     * {@linkplain #clear cleared}) nothing is raised. Empty when the condition already had its event.
     */
    public Optional<SystemEvent> raiseOnce(String key, String type, String severity, String message, JsonValue data) {
        boolean open = em.createNamedQuery(SystemEvent.OPEN_CONDITION, SystemEvent.class)
                .setParameter("key", key)
                .setMaxResults(1)
                .getResultStream()
                .findAny()
                .isPresent();
        if (open) {
            return Optional.empty();
        }
        SystemEvent event = new SystemEvent(type, severity, message, JsonText.write(data));
        event.forCondition(key);
        em.persist(event);
        em.flush();
        return Optional.of(event);
    }

    /** The condition of {@code key} has ended; true if it had an open event. */
    public boolean clear(String key) {
        var open = em.createNamedQuery(SystemEvent.OPEN_CONDITION, SystemEvent.class)
                .setParameter("key", key)
                .getResultList();
        open.forEach(SystemEvent::clearCondition);
        em.flush();
        return !open.isEmpty();
    }

    /** The keys of the open conditions whose key starts with {@code prefix}. */
    public Set<String> openConditions(String prefix) {
        return em.createNamedQuery(SystemEvent.OPEN_CONDITIONS_LIKE, SystemEvent.class)
                .setParameter("prefix", prefix + "%")
                .getResultStream()
                .map(SystemEvent::conditionKey)
                // LIKE reads '_' and '%' in the prefix as wildcards: keep only the real matches.
                .filter(key -> key.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Makes the open conditions under {@code prefix} those of {@code current}: each condition raised once
     * (see {@link #raiseOnce}), each open one no longer present cleared. Returns how many were raised.
     */
    public int reconcile(String prefix, Collection<Condition> current) {
        Set<String> keys = current.stream().map(Condition::key).collect(Collectors.toSet());
        for (String key : keys) {
            if (!key.startsWith(prefix)) {
                throw new IllegalArgumentException("condition " + key + " is not under " + prefix);
            }
        }
        int raised = 0;
        for (Condition c : current) {
            if (raiseOnce(c.key(), c.type(), c.severity(), c.message(), c.data())
                    .isPresent()) {
                raised++;
            }
        }
        for (String open : openConditions(prefix)) {
            if (!keys.contains(open)) {
                clear(open);
            }
        }
        return raised;
    }

    /** Open conditions read per query by {@link #settle}: well under every database's limit of bound parameters. */
    private static final int KEYS_PER_QUERY = 1_000;

    /**
     * Settles the lasting conditions of many subjects at once (the modules of a batch of heartbeats), each of
     * which has one condition open at most, keyed by the subject itself: a subject's open condition stays while
     * the one {@code wanted} for it is the same (type and data); it is cleared when none is wanted, or another,
     * and the one wanted is raised. The subjects' open conditions are read together, by their keys (an indexed
     * lookup, one query per thousand subjects). Returns how many were raised.
     *
     * @param subjects every subject to settle: one without a wanted condition has its open one cleared
     * @param wanted the conditions wanted, at most one per subject, each keyed by one of {@code subjects}
     */
    public int settle(Collection<String> subjects, Collection<Condition> wanted) {
        Set<String> keys = new LinkedHashSet<>(subjects);
        Map<String, Condition> byKey = new HashMap<>();
        for (Condition condition : wanted) {
            if (!keys.contains(condition.key())) {
                throw new IllegalArgumentException("condition " + condition.key() + " is not one of the subjects");
            }
            if (byKey.put(condition.key(), condition) != null) {
                throw new IllegalArgumentException("two conditions wanted for " + condition.key());
            }
        }
        Map<String, List<SystemEvent>> open = new HashMap<>();
        List<String> ordered = List.copyOf(keys);
        for (int from = 0; from < ordered.size(); from += KEYS_PER_QUERY) {
            em.createNamedQuery(SystemEvent.OPEN_CONDITIONS_IN, SystemEvent.class)
                    .setParameter("keys", ordered.subList(from, Math.min(ordered.size(), from + KEYS_PER_QUERY)))
                    .getResultStream()
                    .forEach(e -> open.computeIfAbsent(e.conditionKey(), k -> new ArrayList<>())
                            .add(e));
        }
        int raised = 0;
        for (String subject : keys) {
            Condition condition = byKey.get(subject);
            String data = condition == null ? null : JsonText.write(condition.data());
            boolean kept = false;
            for (SystemEvent event : open.getOrDefault(subject, List.of())) {
                if (!kept
                        && condition != null
                        && condition.type().equals(event.type())
                        && data.equals(event.dataJson())) {
                    kept = true;
                } else {
                    event.clearCondition();
                }
            }
            if (condition != null && !kept) {
                SystemEvent event = new SystemEvent(condition.type(), condition.severity(), condition.message(), data);
                event.forCondition(subject);
                em.persist(event);
                raised++;
            }
        }
        em.flush();
        return raised;
    }

    /** A lasting condition: its key, and the event that reports it. */
    public record Condition(String key, String type, String severity, String message, JsonValue data) {}

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
                JSON.createObjectBuilder()
                        .add("prefix", EMAIL_SUBJECT)
                        .add("message", text + " " + uiUrl + "/index.html#/oa/system_events")
                        .add(
                                "notifications",
                                JSON.createObjectBuilder()
                                        .add(
                                                "email_addresses",
                                                JSON.createArrayBuilder().add(to.email())))
                        .build());
    }

    /** A publisher or a consumer switched broker: recorded as the system event messaging describes. */
    public void onBrokerSwitched(@Observes BrokerSwitched switched) {
        raise(switched.type(), switched.severity(), switched.message(), switched.data(), false);
    }
}
