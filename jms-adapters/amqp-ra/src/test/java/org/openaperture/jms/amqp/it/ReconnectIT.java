package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
            Rabbit.closeAllConnections();

            Rabbit.sendText("/amq/queue/" + queue, "after");
            long sentAt = System.nanoTime();
            assertTrue(
                    await(() -> seen.contains("after"), Duration.ofSeconds(10)),
                    "a message sent after the drop is consumed within 10 s; seen " + seen);
            System.out.printf(
                    "consumed 'after' %d ms after sending it%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
            assertTrue(
                    await(() -> seen.containsAll(List.of(before)), Duration.ofSeconds(10)),
                    "no message sent before the drop is lost; seen " + seen);
            assertTrue(
                    log.lines(Level.WARNING).stream()
                            .anyMatch(line -> line.startsWith("lost connection to ")
                                    && line.contains(queue)
                                    && !line.contains(Rabbit.PASSWORD + "@")),
                    log.all().toString());
            assertTrue(
                    log.lines(Level.INFO).stream()
                            .anyMatch(line -> line.startsWith("connected to ") && line.contains(queue)),
                    log.all().toString());
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
            assertTrue(
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000,
                    "activation returns at once, connecting in the background");
            assertTrue(
                    await(
                            () -> log.lines(Level.WARNING).stream()
                                    .anyMatch(line -> line.startsWith("cannot connect to amqp://127.0.0.1:1")
                                            && line.contains(queue)),
                            Duration.ofSeconds(5)),
                    log.all().toString());
        }
        adapter.endpointDeactivation(endpoints, spec);
        assertTrue(seen.isEmpty());
    }

    /*
     * A connection is retired while one of its sessions is still delivering: the other session could not send
     * a dead letter (the error queue is an exchange that does not exist, so the send fails after
     * RequestTimeout). Qpid itself reports a broken connection only after running listeners returned, so this
     * is how a retiring connection with a delivery in progress comes about.
     */
    @Test
    @DisplayName("deactivation waits for a delivery still running on a connection being retired, and nothing is"
            + " delivered after it returns")
    void deactivationWaitsForRetiringConnection() throws Exception {
        String queue = Rabbit.uniqueQueueName("deactivate");
        rabbit.declare(queue);
        adapter.setRequestTimeout(1_500L); // also the bound on deactivation's wait
        adapter.setSendTimeout(1_500L);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowEnded = new AtomicLong();
        AtomicInteger deliveries = new AtomicInteger();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            deliveries.incrementAndGet();
            if (InboundDeliveryIT.text(message).equals("slow")) {
                entered.countDown();
                await(release);
                slowEnded.set(System.nanoTime());
            } else {
                throw new IllegalStateException("poison");
            }
        });
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setErrorQueue("/exchange/ra-it-missing-" + System.nanoTime() + "/dead");
        spec.setMaxSessions(2);
        spec.setPrefetch(1); // RabbitMQ hands the two messages to the two consumers in turn
        spec.setMaxDeliveryAttempts(1);
        spec.setReconnectDelay(10_000L); // no new connection during the test
        spec.setResourceAdapter(adapter);

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec);
            assertTrue(
                    await(
                            () -> log.lines(Level.INFO).stream()
                                    .anyMatch(line -> line.startsWith("connected to") && line.contains(queue)),
                            Duration.ofSeconds(5)),
                    log.all().toString());
            Rabbit.sendText("/amq/queue/" + queue, "slow", "poison");
            assertTrue(entered.await(10, TimeUnit.SECONDS), "slow delivery running");
            assertTrue(
                    await(
                            () -> log.lines(Level.WARNING).stream()
                                    .anyMatch(line -> line.startsWith("lost connection") && line.contains(queue)),
                            Duration.ofSeconds(5)),
                    log.all().toString());
        }
        CompletableFuture<Long> deactivated = CompletableFuture.supplyAsync(() -> {
            adapter.endpointDeactivation(endpoints, spec);
            return System.nanoTime();
        });
        TimeUnit.MILLISECONDS.sleep(500);
        assertFalse(deactivated.isDone(), "deactivation returned while a delivery was still running");
        release.countDown();
        long returnedAt = deactivated.get(5, TimeUnit.SECONDS);
        assertTrue(
                slowEnded.get() != 0 && slowEnded.get() < returnedAt,
                "the running delivery ended before deactivation returned");
        int seen = deliveries.get();
        Rabbit.sendText("/amq/queue/" + queue, "after deactivation");
        TimeUnit.MILLISECONDS.sleep(300);
        assertEquals(seen, deliveries.get(), "no delivery after deactivation returned");
        assertEquals(2, rabbit.readyNow(queue), "the slow message was acknowledged; poison and the last one wait");
    }

    @Test
    @DisplayName("activations whose broker does not answer do not hold up the connection of another")
    void slowConnectsDoNotBlockOthers() throws Exception {
        String queue = Rabbit.uniqueQueueName("independent");
        rabbit.declareWithErrorQueue(queue);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        adapter.setConnectTimeout(5_000L);
        // Accepts TCP connections (the kernel does, through the backlog) and never answers the AMQP header.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 3; i++) { // more than the adapter's two scheduler threads
                AmqpActivationSpec slow = new AmqpActivationSpec();
                slow.setDestination(queue + "-silent-" + i);
                slow.setConnectionUrl("amqp://127.0.0.1:" + silent.getLocalPort());
                slow.setResourceAdapter(adapter);
                adapter.endpointActivation(new TestEndpoints(message -> {}), slow);
            }
            TimeUnit.MILLISECONDS.sleep(300); // all three are now waiting for the silent broker

            AmqpActivationSpec spec = new AmqpActivationSpec();
            spec.setDestination(queue);
            spec.setResourceAdapter(adapter);
            adapter.endpointActivation(new TestEndpoints(message -> seen.add(InboundDeliveryIT.text(message))), spec);
            Rabbit.sendText("/amq/queue/" + queue, "not held up");
            long start = System.nanoTime();
            assertTrue(
                    await(() -> seen.contains("not held up"), Duration.ofSeconds(3)),
                    "consumed well before the others' 5 s connect timeout");
            System.out.printf(
                    "consumed beside three hanging connects after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
