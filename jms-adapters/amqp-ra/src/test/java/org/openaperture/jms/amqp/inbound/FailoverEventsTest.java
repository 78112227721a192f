package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.inbound.FailoverEvent.Type;

@DisplayName("Failover events: listeners of the application")
class FailoverEventsTest {

    private final List<FailoverEvents.Registration> registrations = new CopyOnWriteArrayList<>();

    @AfterEach
    void removeListeners() {
        registrations.forEach(FailoverEvents.Registration::close);
    }

    @Test
    @DisplayName("listeners get every event in order, off the caller's thread")
    void inOrder() throws Exception {
        BlockingQueue<FailoverEvent> seen = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        add(event -> {
            threads.add(Thread.currentThread().getName());
            seen.add(event);
        });

        for (int i = 0; i < 20; i++) {
            FailoverEvents.publish(event(i % 2 == 0 ? Type.FAILED_OVER : Type.FAILED_BACK, "q" + i));
        }

        for (int i = 0; i < 20; i++) {
            FailoverEvent event = seen.poll(5, TimeUnit.SECONDS);
            assertEquals("q" + i, event.queue());
        }
        assertEquals(List.of("amqp-ra-events"), threads.stream().distinct().toList());
    }

    @Test
    @DisplayName("a listener that throws does not keep the event from the others, nor later events from itself")
    void throwingListener() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        add(event -> {
            seen.add("thrower " + event.queue());
            throw new IllegalStateException("listener bug");
        });
        add(event -> seen.add("other " + event.queue()));

        FailoverEvents.publish(event(Type.FAILED_OVER, "a"));
        FailoverEvents.publish(event(Type.FAILED_BACK, "b"));

        List<String> expected = List.of("thrower a", "other a", "thrower b", "other b");
        for (String line : expected) {
            assertEquals(line, seen.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("a removed listener hears nothing more, whether closed or removed by identity")
    void removal() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        Consumer<FailoverEvent> removedByIdentity = event -> seen.add("identity " + event.queue());
        FailoverEvents.Registration closed = add(event -> seen.add("closed " + event.queue()));
        add(removedByIdentity);
        add(removedByIdentity);
        add(event -> seen.add("kept " + event.queue()));

        closed.close();
        closed.close();
        assertTrue(FailoverEvents.removeListener(removedByIdentity));
        assertFalse(FailoverEvents.removeListener(removedByIdentity));
        FailoverEvents.publish(event(Type.FAILED_OVER, "q"));

        assertEquals("kept q", seen.poll(5, TimeUnit.SECONDS));
        assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS));
    }

    private FailoverEvents.Registration add(Consumer<FailoverEvent> listener) {
        FailoverEvents.Registration registration = FailoverEvents.addListener(listener);
        registrations.add(registration);
        return registration;
    }

    private static FailoverEvent event(Type type, String queue) {
        return new FailoverEvent(
                type, "test", queue, "amqp://a:5672", queue, "amqp://b:5672", queue, "test", Instant.now());
    }
}
