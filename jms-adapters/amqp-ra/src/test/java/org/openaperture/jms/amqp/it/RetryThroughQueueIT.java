package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.inbound.AmqpActivationSpec;
import org.openaperture.jms.amqp.inbound.FailoverEvents;

/**
 * Retries go through the queue, so their count survives the node; a dependency outage is no attempt. Each test
 * starts its own adapters ("nodes") on queues of its own.
 */
@DisplayName("Delivery attempts across restarts and dependency outages, against RabbitMQ")
class RetryThroughQueueIT {

    /*
     * A deadline, not a pace: a passing test returns at once. Long enough for a broker on a loaded machine to
     * take its connect and request timeouts (10 s each) once.
     */
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Rabbit rabbit = new Rabbit();
    private final List<AmqpResourceAdapter> adapters = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAdapters() throws Exception {
        adapters.forEach(AmqpResourceAdapter::stop);
        rabbit.deleteCreatedQueues();
    }

    /*
     * Node 1 makes attempts 1 and 2 and is stopped while it waits to retry (its second delay is 20 s); node 2, a
     * new adapter with a new activation and no memory of the message, makes attempts 3 and 4 and dead-letters.
     */
    @Test
    @DisplayName("a poison message gets MaxDeliveryAttempts attempts in all across a node restart, and its dead"
            + " letter says so")
    void attemptsSurviveRestart() throws Exception {
        String queue = Rabbit.uniqueQueueName("restart");
        rabbit.declareWithErrorQueue(queue);
        AtomicInteger invocations = new AtomicInteger();
        AtomicReference<String> firstId = new AtomicReference<>();
        TestEndpoints poison = new TestEndpoints(message -> {
            invocations.incrementAndGet();
            firstId.compareAndSet(null, InboundDeliveryIT.messageId(message));
            throw new IllegalStateException("poison pill");
        });

        long startedAt = System.currentTimeMillis();
        AmqpResourceAdapter node1 = startedAdapter();
        AmqpActivationSpec spec1 = spec(node1, queue);
        spec1.setRedeliveryInitialDelay(50L);
        spec1.setRedeliveryMultiplier(400.0); // 50 ms after attempt 1, 20 s after attempt 2
        spec1.setRedeliveryMaxDelay(30_000L);
        try (LogCapture log = new LogCapture()) {
            node1.endpointActivation(poison, spec1);
            Rabbit.sendText("/amq/queue/" + queue, "poison");
            assertTrue(
                    ReconnectIT.await(
                            () -> log.lines(Level.WARNING).stream()
                                    .anyMatch(line -> line.startsWith("delivery attempt 2 of 4 failed")
                                            && line.contains(queue)
                                            && line.endsWith("retrying in 20000 ms")),
                            WAIT),
                    log.all() + "; " + FailoverEvents.activations());
        }
        long stopping = System.nanoTime();
        node1.endpointDeactivation(poison, spec1);
        node1.stop();
        assertTrue(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping) < 5_000,
                "stopping cut the 20 s wait short");
        assertEquals(2, invocations.get());
        assertEquals(1, rabbit.readyNow(queue), "the failed attempt was recorded in a copy in the queue");

        long restartedAt = System.currentTimeMillis();
        AmqpResourceAdapter node2 = startedAdapter();
        AmqpActivationSpec spec2 = spec(node2, queue);
        spec2.setRedeliveryInitialDelay(50L);
        // The copy is due 20 s after attempt 2; a receiver never waits longer than its own longest delay.
        spec2.setRedeliveryMaxDelay(1_000L);
        node2.endpointActivation(poison, spec2);

        List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 1, WAIT);
        assertEquals(1, dead.size(), "dead-lettered by the second node");
        node2.endpointDeactivation(poison, spec2); // anything unacknowledged would now be back in the queue
        assertEquals(4, invocations.get(), "MaxDeliveryAttempts attempts over both nodes, not 4 on each");
        assertEquals(0, rabbit.readyNow(queue), "nothing left in the queue");

        Message letter = dead.get(0);
        assertEquals("poison", ((TextMessage) letter).getText());
        assertEquals(4, letter.getIntProperty("dlq_delivery_attempts"));
        assertEquals(firstId.get(), letter.getStringProperty("dlq_original_message_id"));
        assertEquals("java.lang.IllegalStateException: poison pill", letter.getStringProperty("dlq_reason"));
        long first = letter.getLongProperty("dlq_first_attempt_at");
        long last = letter.getLongProperty("dlq_last_attempt_at");
        assertTrue(first >= startedAt && first < restartedAt, "first attempt on the first node: " + first);
        assertTrue(last >= restartedAt, "last attempt on the second node: " + last);
        assertNull(letter.getObjectProperty("AmqpRaAttempts"));
    }

    @Test
    @DisplayName(
            "a message without JMSMessageID is retried through the queue and dead-lettered under one made-up" + " id")
    void messageWithoutId() throws Exception {
        String queue = Rabbit.uniqueQueueName("no-id");
        rabbit.declareWithErrorQueue(queue);
        List<String> ids = new CopyOnWriteArrayList<>();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            ids.add(String.valueOf(InboundDeliveryIT.messageId(message)));
            throw new IllegalStateException("always fails");
        });
        AmqpResourceAdapter node = startedAdapter();
        AmqpActivationSpec spec = spec(node, queue);
        spec.setMaxDeliveryAttempts(3);
        spec.setRedeliveryInitialDelay(20L);
        node.endpointActivation(endpoints, spec);
        try (Connection connection = Rabbit.plainConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("/amq/queue/" + queue));
            producer.setDisableMessageID(true);
            producer.send(session.createTextMessage("anonymous"));
        }

        List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 1, WAIT);
        assertEquals(1, dead.size());
        assertEquals(3, ids.size(), "three attempts: " + ids);
        assertEquals("null", ids.get(0), "the message had no id");
        assertEquals(3, dead.get(0).getIntProperty("dlq_delivery_attempts"));
        String original = dead.get(0).getStringProperty("dlq_original_message_id");
        assertNotNull(original);
        assertTrue(original.startsWith("local:"), original);
    }

    /*
     * The endpoint fails as a container would while the database is down (an EJB exception around the driver's)
     * for 1.5 s, far longer than the 50 ms of backoff that MaxDeliveryAttempts=2 allows.
     */
    @Test
    @DisplayName("while a dependency is down the message waits, uncounted and never dead-lettered, and is delivered"
            + " once it is back, before the next message")
    void dependencyOutageIsNoAttempt() throws Exception {
        String queue = Rabbit.uniqueQueueName("outage");
        rabbit.declareWithErrorQueue(queue);
        AtomicLong outageEnds = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            long now = System.nanoTime();
            outageEnds.compareAndSet(0, now + TimeUnit.MILLISECONDS.toNanos(1_500));
            if (now < outageEnds.get()) {
                failures.incrementAndGet();
                throw new RuntimeException(
                        "transaction rolled back", new SQLTransientConnectionException("connection refused"));
            }
            delivered.add(InboundDeliveryIT.text(message));
        });
        AmqpResourceAdapter node = startedAdapter();
        AmqpActivationSpec spec = spec(node, queue);
        spec.setMaxDeliveryAttempts(2);
        spec.setRedeliveryInitialDelay(50L);
        spec.setRedeliveryMultiplier(2.0);
        spec.setRedeliveryMaxDelay(200L);

        try (LogCapture log = new LogCapture()) {
            node.endpointActivation(endpoints, spec);
            Rabbit.sendText("/amq/queue/" + queue, "during the outage", "next");
            assertTrue(
                    ReconnectIT.await(() -> delivered.size() == 2, WAIT),
                    "delivered " + delivered + " after " + failures.get() + " failures; " + log.all() + "; "
                            + FailoverEvents.activations());
            assertEquals(List.of("during the outage", "next"), delivered, "in queue order");
            assertTrue(failures.get() > 2, "more failures than MaxDeliveryAttempts: " + failures.get());

            List<String> warnings = log.lines(Level.WARNING).stream()
                    .filter(line -> line.contains(queue))
                    .toList();
            assertEquals(1, warnings.size(), "one WARNING for the whole outage: " + warnings);
            assertTrue(
                    warnings.get(0)
                            .startsWith("a dependency of the endpoint for queue " + queue + " is unavailable:"
                                    + " java.sql.SQLTransientConnectionException: connection refused; message "),
                    warnings.get(0));
            assertTrue(warnings.get(0).contains("not counted as a delivery attempt"), warnings.get(0));
            List<String> back = log.lines(Level.INFO).stream()
                    .filter(line -> line.startsWith(
                            "deliveries from queue " + queue + " succeed again after a" + " dependency outage of "))
                    .toList();
            assertEquals(1, back.size(), log.all().toString());
            long lasted = Long.parseLong(back.get(0).replaceAll(".* of (\\d+) ms$", "$1"));
            assertTrue(lasted >= 1_400, "the outage lasted about 1.5 s: " + back.get(0));
        }
        node.endpointDeactivation(endpoints, spec); // anything unacknowledged would now be back in the queue
        assertEquals(0, rabbit.readyNow(queue), "both acknowledged");
        assertEquals(0, rabbit.readyNow(queue + "_error"), "nothing dead-lettered");
    }

    private AmqpResourceAdapter startedAdapter() throws Exception {
        AmqpResourceAdapter adapter = new AmqpResourceAdapter();
        adapter.setConnectionUrl(Rabbit.URL);
        adapter.setUserName(Rabbit.USER);
        adapter.setPassword(Rabbit.PASSWORD);
        adapter.setReconnectDelay(200L);
        adapter.start(TestEndpoints.bootstrapContext());
        adapters.add(adapter);
        return adapter;
    }

    private static AmqpActivationSpec spec(AmqpResourceAdapter adapter, String queue) throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setMaxDeliveryAttempts(4);
        spec.setResourceAdapter(adapter);
        spec.validate();
        return spec;
    }
}
