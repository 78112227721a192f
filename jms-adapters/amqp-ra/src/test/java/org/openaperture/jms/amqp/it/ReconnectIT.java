package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.inbound.AmqpActivationSpec;

@DisplayName("Inbound reconnection against RabbitMQ")
class ReconnectIT {

    private final Rabbit rabbit = new Rabbit();
    private final AmqpResourceAdapter adapter = new AmqpResourceAdapter();

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.setConnectionUrl(Rabbit.URL);
        adapter.setUserName(Rabbit.USER);
        adapter.setPassword(Rabbit.PASSWORD);
        adapter.setReconnectDelay(200L);
        adapter.start(TestEndpoints.bootstrapContext());
    }

    @AfterEach
    void stopAdapter() throws Exception {
        adapter.stop();
        rabbit.deleteCreatedQueues();
    }

    @Test
    @DisplayName("after the broker closes every connection, the activation reconnects and loses nothing")
    void reconnectsAfterBrokerClosesConnections() throws Exception {
        String queue = Rabbit.uniqueQueueName("reconnect");
        rabbit.declareWithErrorQueue(queue);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            seen.add(InboundDeliveryIT.text(message));
            sleep(100); // slow enough that messages are in flight when the connection drops
        });
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setResourceAdapter(adapter);
        adapter.endpointActivation(endpoints, spec);
        Rabbit.sendText("/amq/queue/" + queue, "warm-up");
        assertTrue(await(() -> seen.contains("warm-up"), Duration.ofSeconds(10)), "consuming before the drop");

        String[] before = IntStream.range(0, 5).mapToObj(i -> "before-" + i).toArray(String[]::new);
        try (LogCapture log = new LogCapture()) {
            Rabbit.sendText("/amq/queue/" + queue, before);
            assertTrue(await(() -> seen.contains("before-0"), Duration.ofSeconds(10)));
            Rabbit.dropAllConnections();

            Rabbit.sendText("/amq/queue/" + queue, "after");
            long sentAt = System.nanoTime();
            assertTrue(await(() -> seen.contains("after"), Duration.ofSeconds(10)),
                    "a message sent after the drop is consumed within 10 s; seen " + seen);
            System.out.printf("consumed 'after' %d ms after sending it%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
            assertTrue(await(() -> seen.containsAll(List.of(before)), Duration.ofSeconds(10)),
                    "no message sent before the drop is lost; seen " + seen);
            assertTrue(log.lines(Level.WARNING).stream().anyMatch(line -> line.startsWith("lost connection to ")
                    && line.contains(queue) && !line.contains(Rabbit.PASSWORD + "@")), log.all().toString());
            assertTrue(log.lines(Level.INFO).stream().anyMatch(line -> line.startsWith("connected to ")
                    && line.contains(queue)), log.all().toString());
        }
        assertEquals(0, rabbit.awaitMessageCount(queue, 0, Duration.ofSeconds(15)));
    }

    @Test
    @DisplayName("an activation made while the broker is unreachable does not fail, and connects once it can")
    void activatesWhileBrokerIsUnreachable() throws Exception {
        String queue = Rabbit.uniqueQueueName("late");
        rabbit.declareWithErrorQueue(queue);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setConnectionUrl("amqp://127.0.0.1:1"); // nothing listens there
        spec.setResourceAdapter(adapter);
        TestEndpoints endpoints = new TestEndpoints(message -> seen.add(InboundDeliveryIT.text(message)));

        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            adapter.endpointActivation(endpoints, spec);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000,
                    "activation returns at once, connecting in the background");
            assertTrue(await(() -> log.lines(Level.WARNING).stream().anyMatch(line ->
                    line.startsWith("cannot connect to amqp://127.0.0.1:1") && line.contains(queue)),
                    Duration.ofSeconds(5)), log.all().toString());
        }
        adapter.endpointDeactivation(endpoints, spec);
        assertTrue(seen.isEmpty());
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
