package org.openaperture.testing;

import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Proxy;
import org.openaperture.messaging.outbox.Outbox;

/** The real outbox on a test's entity manager, with nobody listening for what it queues. */
public final class TestOutbox {
    private TestOutbox() {}

    public static Outbox on(EntityManager em) {
        Outbox outbox = new Outbox();
        set(outbox, "em", em);
        set(outbox, "queued", noEvents());
        return outbox;
    }

    private static void set(Object target, String field, Object value) {
        try {
            var f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Event<Outbox.Queued> noEvents() {
        return (Event<Outbox.Queued>) Proxy.newProxyInstance(
                Event.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> null);
    }
}
