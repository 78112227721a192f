package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.inbound.ActivationStatus;
import org.openaperture.jms.amqp.inbound.ActivationStatus.Broker;
import org.openaperture.jms.amqp.inbound.AmqpActivationSpec;
import org.openaperture.jms.amqp.inbound.FailoverEvent;
import org.openaperture.jms.amqp.inbound.FailoverEvent.Type;
import org.openaperture.jms.amqp.inbound.FailoverEvents;

/**
 * Failover between two standalone RabbitMQ nodes of this machine (started if needed, and left running): the
 * primary on 5674 and the failover broker on 5675, each with its own copy of the test's queues. The build's main
 * node (5672) and the node on 5673 are not touched.
 */
@DisplayName("Inbound failover between two RabbitMQ nodes")
class FailoverIT {

    private static final StandaloneNode PRIMARY = new StandaloneNode(5674);
    private static final StandaloneNode FAILOVER = new StandaloneNode(5675);
    private static final long RECONNECT_DELAY_MS = 300;
    private static final int FAILOVER_AFTER_ATTEMPTS = 3;

    private final Rabbit primaryRabbit = new Rabbit(PRIMARY.management());
    private final Rabbit failoverRabbit = new Rabbit(FAILOVER.management());
    private final AmqpResourceAdapter adapter = new AmqpResourceAdapter();
    private final BlockingQueue<FailoverEvent> events = new LinkedBlockingQueue<>();
    private final List<FailoverEvents.Registration> listeners = new ArrayList<>();
    /** Body → how often it was delivered. */
    private final Map<String, Integer> consumed = new ConcurrentHashMap<>();

    private final Map<String, Long> firstConsumedAt = new ConcurrentHashMap<>();

    @BeforeAll
    static void startNodes() {
        long start = System.nanoTime();
        StandaloneNode.ensureRunning(PRIMARY, FAILOVER);
        System.out.printf(
                "nodes on 5674 and 5675 running after %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @BeforeEach
    void startAdapter() throws Exception {
        adapter.setUserName(Rabbit.USER);
        adapter.setPassword(Rabbit.PASSWORD);
        adapter.setReconnectDelay(RECONNECT_DELAY_MS);
        adapter.setConnectTimeout(2_000L);
        adapter.setRequestTimeout(3_000L);
        adapter.setSendTimeout(3_000L);
        adapter.start(TestEndpoints.bootstrapContext());
        // A listener that throws must not disturb the adapter or the other listeners.
        listeners.add(FailoverEvents.addListener(event -> {
            throw new IllegalStateException("listener bug (test)");
        }));
        listeners.add(FailoverEvents.addListener(events::add));
    }

    @AfterEach
    void stopAdapter() throws Exception {
        listeners.forEach(FailoverEvents.Registration::close);
        adapter.stop();
        PRIMARY.startAppIfStopped();
        primaryRabbit.deleteCreatedQueues();
        failoverRabbit.deleteCreatedQueues();
    }

    @Test
    @DisplayName("when the primary goes away consumption moves to the failover broker, and with failBack it moves"
            + " back once the primary returns and drains what was left there; nothing is lost")
    void failsOverAndBack() throws Exception {
        String queue = Rabbit.uniqueQueueName("failover");
        primaryRabbit.declareWithErrorQueue(queue);
        failoverRabbit.declareWithErrorQueue(queue);
        String address = "/amq/queue/" + queue;
        AmqpActivationSpec spec = spec(queue, PRIMARY.url());
        spec.setFailBack(true);
        spec.setFailBackInterval(1_000L);
        AtomicBoolean slow = new AtomicBoolean(true);
        TestEndpoints endpoints = new TestEndpoints(message -> {
            String body = InboundDeliveryIT.text(message);
            consumed(body);
            if (slow.get() && body.startsWith("left-on-primary")) {
                sleep(100); // so that some are still on the primary when it goes away
            }
        });
        List<String> sent = new ArrayList<>();

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec);
            sent.addAll(send(PRIMARY, address, "primary", 10));
            assertTrue(awaitConsumed(sent, Duration.ofSeconds(10)), "consuming on the primary: " + consumed);
            assertStatus(queue, Broker.PRIMARY, PRIMARY.url());

            sent.addAll(send(PRIMARY, address, "left-on-primary", 60));
            List<String> waitingOnFailover = send(FAILOVER, address, "failover", 10);
            sent.addAll(waitingOnFailover);
            long stopAppStart = System.currentTimeMillis();
            PRIMARY.stopApp();
            long stopAppMs = System.currentTimeMillis() - stopAppStart;

            FailoverEvent over = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(over, "FAILED_OVER within 20 s; log: " + log.all());
            assertEquals(Type.FAILED_OVER, over.type());
            assertEquals(queue, over.queue());
            assertEquals(PRIMARY.url(), over.fromUrl());
            assertEquals(FAILOVER.url(), over.toUrl());
            assertEquals(queue, over.toQueue());
            assertEquals("test-endpoint", over.activationName());
            assertTrue(awaitConsumed(waitingOnFailover, Duration.ofSeconds(10)), "consuming on the failover broker");
            slow.set(false);
            long lostAt = log.records(Level.WARNING).stream()
                    .filter(record -> record.getMessage().startsWith("lost connection to " + PRIMARY.url()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no lost connection line: " + log.all()))
                    .getMillis();
            int leftOnPrimary = (int) sent.stream()
                    .filter(body -> body.startsWith("left-on-primary") && !consumed.containsKey(body))
                    .count();
            assertStatus(queue, Broker.FAILOVER, FAILOVER.url());
            assertTrue(
                    log.lines(Level.WARNING).stream()
                            .anyMatch(line -> line.equals("failing over queue " + queue + " from " + PRIMARY.url()
                                    + " (queue " + queue + ") to " + FAILOVER.url() + " (queue " + queue + "): "
                                    + FAILOVER_AFTER_ATTEMPTS + " connection attempts failed")),
                    log.all().toString());

            long startAppStart = System.currentTimeMillis();
            PRIMARY.startApp();
            long primaryBackAt = System.currentTimeMillis();
            FailoverEvent back = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(back, "FAILED_BACK within 20 s; log: " + log.all());
            assertEquals(Type.FAILED_BACK, back.type());
            assertEquals(FAILOVER.url(), back.fromUrl());
            assertEquals(PRIMARY.url(), back.toUrl());
            assertTrue(
                    log.lines(Level.INFO).stream()
                            .anyMatch(line -> line.startsWith("failing back queue " + queue + " from " + FAILOVER.url())
                                    && line.endsWith("the primary broker answers again")),
                    log.all().toString());

            assertTrue(
                    awaitConsumed(sent, Duration.ofSeconds(15)),
                    "what was left on the primary is drained after the fail-back; missing "
                            + sent.stream()
                                    .filter(body -> !consumed.containsKey(body))
                                    .toList());
            long drainedAt = System.currentTimeMillis();
            assertStatus(queue, Broker.PRIMARY, PRIMARY.url());
            List<String> afterwards = send(PRIMARY, address, "after-fail-back", 10);
            sent.addAll(afterwards);
            assertTrue(awaitConsumed(afterwards, Duration.ofSeconds(10)));

            System.out.printf(
                    "failover: stop_app took %d ms; the connection dropped %d ms into it; FAILED_OVER %d ms after the"
                            + " drop; first message from the failover broker %d ms after the drop; %d of 60 messages"
                            + " left on the primary; start_app took %d ms; FAILED_BACK %d ms after it returned; primary"
                            + " drained %d ms after it returned; %d messages, %d delivered twice%n",
                    stopAppMs,
                    lostAt - stopAppStart,
                    over.time().toEpochMilli() - lostAt,
                    waitingOnFailover.stream()
                                    .mapToLong(firstConsumedAt::get)
                                    .min()
                                    .orElseThrow()
                            - lostAt,
                    leftOnPrimary,
                    primaryBackAt - startAppStart,
                    back.time().toEpochMilli() - primaryBackAt,
                    drainedAt - primaryBackAt,
                    sent.size(),
                    consumed.values().stream().mapToInt(n -> n - 1).sum());
            assertTrue(leftOnPrimary > 0, "the test needs messages left on the primary when it goes away");
        }
        adapter.endpointDeactivation(endpoints, spec);
        assertTrue(statusOf(queue).isEmpty(), "a stopped activation is no longer listed");
        assertEquals(0, primaryRabbit.readyNow(queue), "primary queue empty");
        assertEquals(0, failoverRabbit.readyNow(queue), "failover queue empty");
        assertEquals(0, events.size(), "one event per switch: " + events);
    }

    @Test
    @DisplayName("an activation whose primary cannot be reached at all consumes from the failover broker after"
            + " failoverAfterAttempts attempts, and without failBack stays there")
    void unreachablePrimaryAtStart() throws Exception {
        String queue = Rabbit.uniqueQueueName("failover-start");
        failoverRabbit.declareWithErrorQueue(queue);
        AmqpActivationSpec spec = spec(queue, "amqp://127.0.0.1:1"); // nothing listens there
        TestEndpoints endpoints = new TestEndpoints(message -> consumed(InboundDeliveryIT.text(message)));
        List<String> sent = send(FAILOVER, "/amq/queue/" + queue, "waiting", 5);

        long start = System.nanoTime();
        adapter.endpointActivation(endpoints, spec);
        assertTrue(awaitConsumed(sent, Duration.ofSeconds(10)), "consumed from the failover broker");
        long consumedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        FailoverEvent over = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(over);
        assertEquals("amqp://127.0.0.1:1", over.fromUrl());
        System.out.printf("unreachable primary: consuming on the failover broker %d ms after activation%n", consumedMs);
        assertTrue(
                consumedMs >= FAILOVER_AFTER_ATTEMPTS * RECONNECT_DELAY_MS - RECONNECT_DELAY_MS,
                "not before the attempts were made: " + consumedMs + " ms");

        TimeUnit.MILLISECONDS.sleep(2 * RECONNECT_DELAY_MS);
        assertStatus(queue, Broker.FAILOVER, FAILOVER.url());
        assertEquals(null, events.poll(), "no fail-back without failBack");
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(0, failoverRabbit.readyNow(queue));
    }

    private static AmqpActivationSpec spec(String queue, String primaryUrl) throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setConnectionUrl(primaryUrl);
        spec.setFailoverConnectionUrl(FAILOVER.url());
        spec.setFailoverAfterAttempts(FAILOVER_AFTER_ATTEMPTS);
        return spec;
    }

    private void assertStatus(String queue, Broker broker, String url) {
        ActivationStatus status = statusOf(queue).orElseThrow(() -> new AssertionError("no status of " + queue));
        assertEquals(broker, status.broker(), status.toString());
        assertEquals(url, status.url(), status.toString());
        assertEquals(queue, status.consumedQueue(), status.toString());
        assertTrue(status.connected(), status.toString());
        assertTrue(status.failoverConfigured(), status.toString());
    }

    private static Optional<ActivationStatus> statusOf(String queue) {
        return FailoverEvents.activations().stream()
                .filter(status -> status.queue().equals(queue))
                .findFirst();
    }

    private static List<String> send(StandaloneNode node, String address, String prefix, int count) throws Exception {
        String[] bodies =
                IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toArray(String[]::new);
        Rabbit.sendTextTo(node.url(), address, bodies);
        return List.of(bodies);
    }

    private void consumed(String body) {
        firstConsumedAt.putIfAbsent(body, System.currentTimeMillis());
        consumed.merge(body, 1, Integer::sum);
    }

    private boolean awaitConsumed(List<String> bodies, Duration timeout) throws InterruptedException {
        return ReconnectIT.await(() -> consumed.keySet().containsAll(bodies), timeout);
    }

    private int countConsumed(String prefix) {
        return (int) consumed.keySet().stream()
                .filter(body -> body.startsWith(prefix))
                .count();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
