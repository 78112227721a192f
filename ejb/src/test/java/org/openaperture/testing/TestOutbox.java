package org.openaperture.testing;

import jakarta.enterprise.event.Event;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.List;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.domain.OutboxMessage;

/** The real outbox on a test's entity manager, with nobody listening for what it queues. */
public final class TestOutbox {
    private TestOutbox() {}

    public static Outbox on(EntityManager em) {
        Outbox outbox = new Outbox();
        Fields.inject(outbox, "em", em);
        Fields.inject(outbox, "queued", noEvents());
        return outbox;
    }

    /** What is queued for {@code queue}, oldest first. */
    public static List<OutboxMessage> queued(EntityManager em, String queue) {
        return em.createQuery(
                        "SELECT m FROM OutboxMessage m WHERE m.queue = :q ORDER BY m.insertedAt", OutboxMessage.class)
                .setParameter("q", queue)
                .getResultList();
    }

    /** A queued message's body. */
    public static JsonObject json(OutboxMessage m) {
        return Json.createReader(new StringReader(m.body())).readObject();
    }

    @SuppressWarnings("unchecked")
    private static Event<Outbox.Queued> noEvents() {
        return (Event<Outbox.Queued>) Proxy.newProxyInstance(
                Event.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> null);
    }
}
