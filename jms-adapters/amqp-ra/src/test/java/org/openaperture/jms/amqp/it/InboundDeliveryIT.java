package org.openaperture.jms.amqp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.inbound.AmqpActivationSpec;

@DisplayName("Inbound delivery against RabbitMQ")
class InboundDeliveryIT {

    /** A deadline, not a pace; see RetryThroughQueueIT. */
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    @DisplayName("delivers every message to a fresh endpoint and acknowledges it after onMessage returned")
    void deliversAndAcknowledges() throws Exception {
        String queue = Rabbit.uniqueQueueName("deliver");
        rabbit.declareWithErrorQueue(queue);
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(20);
        TestEndpoints endpoints = new TestEndpoints(message -> {
            bodies.add(text(message));
            all.countDown();
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxSessions(2);
        adapter.endpointActivation(endpoints, spec);

        Rabbit.sendText(
                "/amq/queue/" + queue,
                IntStream.range(0, 20).mapToObj(i -> "m" + i).toArray(String[]::new));

        assertTrue(all.await(WAIT.toSeconds(), TimeUnit.SECONDS), "delivered: " + bodies);
        assertEquals(20, bodies.size());
        assertEquals(0, rabbit.awaitMessageCount(queue, 0, WAIT), "queue statistics show no message left");
        assertEachEndpointLivedOnce(endpoints);
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(0, rabbit.readyNow(queue), "nothing unacknowledged went back to the queue on deactivation");
    }

    @Test
    @DisplayName("retries a failing message through its queue with growing delays, keeping its headers and"
            + " properties, then dead-letters it and goes on")
    void boundedRetriesThenDeadLetter() throws Exception {
        String queue = Rabbit.uniqueQueueName("poison");
        rabbit.declareWithErrorQueue(queue);
        List<Long> attemptTimes = Collections.synchronizedList(new ArrayList<>());
        List<String> seenAtEachAttempt = new CopyOnWriteArrayList<>();
        AtomicReference<String> poisonId = new AtomicReference<>();
        CountDownLatch good = new CountDownLatch(1);
        TestEndpoints endpoints = new TestEndpoints(message -> {
            if (text(message).equals("poison")) {
                attemptTimes.add(System.nanoTime());
                poisonId.compareAndSet(null, messageId(message)); // each retry is a copy with an id of its own
                seenAtEachAttempt.add(headersAndProperties(message));
                throw new IllegalStateException("poison pill");
            }
            good.countDown();
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(4);
        spec.setRedeliveryInitialDelay(100L);
        spec.setRedeliveryMultiplier(2.0);
        spec.setRedeliveryMaxDelay(300L);

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec);
            sendPoison(queue);

            List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 1, WAIT);
            assertEquals(1, dead.size(), "one dead letter");
            assertEquals(4, attemptTimes.size(), "exactly maxDeliveryAttempts deliveries");
            assertGaps(attemptTimes, 100, 200, 300);
            assertEquals(
                    Collections.nCopies(4, "order.created|corr-1|acme|7|key-42"),
                    seenAtEachAttempt,
                    "every attempt sees the same JMSType, correlation id and application properties");
            assertDeadLetter(dead.get(0), queue, poisonId.get());
            assertLogLines(log, queue, poisonId.get());
        }

        Rabbit.sendText("/amq/queue/" + queue, "good");
        assertTrue(good.await(10, TimeUnit.SECONDS), "a good message after the poison one is processed");
        TimeUnit.MILLISECONDS.sleep(300);
        assertEquals(4, attemptTimes.size(), "no delivery after the dead letter: no hot loop");
        assertEquals(0, rabbit.awaitMessageCount(queue, 0, WAIT));
    }

    @Test
    @DisplayName("dead-letters a message whose format can never be processed after its first attempt, and goes on")
    void messageFormatFailureIsDeadLetteredAtOnce() throws Exception {
        String queue = Rabbit.uniqueQueueName("format");
        rabbit.declareWithErrorQueue(queue);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch good = new CountDownLatch(1);
        TestEndpoints endpoints = new TestEndpoints(message -> {
            if (text(message).equals("poison")) {
                attempts.incrementAndGet();
                throw new IllegalStateException("wrapped", new MessageFormatRuntimeException("nested too deep"));
            }
            good.countDown();
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(4);
        spec.setRedeliveryInitialDelay(100L);

        adapter.endpointActivation(endpoints, spec);
        sendPoison(queue);

        List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 1, WAIT);
        assertEquals(1, dead.size(), "one dead letter");
        assertEquals(1, attempts.get(), "one attempt only");
        assertEquals(1, dead.get(0).getObjectProperty("dlq_delivery_attempts"));
        assertEquals(
                "jakarta.jms.MessageFormatRuntimeException: nested too deep",
                dead.get(0).getStringProperty("dlq_reason"));
        Rabbit.sendText("/amq/queue/" + queue, "good");
        assertTrue(good.await(10, TimeUnit.SECONDS), "a good message after the bad one is processed");
        assertEquals(1, attempts.get(), "the dead letter is not delivered again");
    }

    @Test
    @DisplayName("a retry through the queue and a dead letter keep the body type and body of text, bytes and map"
            + " messages")
    void deadLetterKeepsBodyType() throws Exception {
        String queue = Rabbit.uniqueQueueName("types");
        rabbit.declareWithErrorQueue(queue);
        List<String> bodyTypes = new CopyOnWriteArrayList<>();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            bodyTypes.add(message instanceof TextMessage ? "text" : message instanceof BytesMessage ? "bytes" : "map");
            throw new IllegalArgumentException("unreadable");
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(2); // the second attempt is at a copy sent back to the queue
        spec.setRedeliveryInitialDelay(20L);

        // All three are queued before the endpoint starts: a copy sent back must land behind the last of them.
        try (Connection connection = Rabbit.plainConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("/amq/queue/" + queue));
            producer.send(session.createTextMessage("text body"));
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 2, 3, 0, -1});
            producer.send(bytes);
            MapMessage map = session.createMapMessage();
            map.setInt("count", 3);
            map.setString("name", "x");
            producer.send(map);
        }
        adapter.endpointActivation(endpoints, spec);

        List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 3, WAIT);
        assertEquals(3, dead.size());
        assertEquals(List.of("text", "bytes", "map", "text", "bytes", "map"), bodyTypes, "attempts in queue order");
        assertEquals(
                "text body", assertInstanceOf(TextMessage.class, dead.get(0)).getText());
        assertArrayEquals(
                new byte[] {1, 2, 3, 0, -1},
                assertInstanceOf(BytesMessage.class, dead.get(1)).getBody(byte[].class));
        MapMessage deadMap = assertInstanceOf(MapMessage.class, dead.get(2));
        assertEquals(3, deadMap.getInt("count"));
        assertEquals("x", deadMap.getString("name"));
        assertEquals(2, dead.get(2).getIntProperty("dlq_delivery_attempts"));
        assertEquals(
                "java.lang.IllegalArgumentException: unreadable", dead.get(2).getStringProperty("dlq_reason"));
    }

    @Test
    @DisplayName("consumes nothing while its error queue is missing, because RabbitMQ would drop dead letters")
    void waitsForErrorQueue() throws Exception {
        String queue = Rabbit.uniqueQueueName("no-dlq");
        rabbit.declare(queue);
        adapter.setRequestTimeout(1_000L);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        TestEndpoints endpoints = new TestEndpoints(message -> seen.add(text(message)));

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec(queue));
            Rabbit.sendText("/amq/queue/" + queue, "waiting");
            assertTrue(
                    ReconnectIT.await(
                            () -> log.lines(Level.WARNING).stream()
                                    .anyMatch(line -> line.contains("error queue " + queue + "_error")
                                            && line.contains("missing")),
                            Duration.ofSeconds(5)),
                    log.all().toString());
            assertTrue(seen.isEmpty(), "nothing consumed without an error queue");
        }
        rabbit.declare(queue + "_error");
        assertTrue(
                ReconnectIT.await(() -> seen.contains("waiting"), Duration.ofSeconds(10)),
                "consumes once the error queue exists");
    }

    @Test
    @DisplayName("a message whose AMQP properties JMS cannot carry (name trace-id, list and map values) is"
            + " dead-lettered with them as text")
    void deadLetterKeepsNonJmsProperties() throws Exception {
        String queue = Rabbit.uniqueQueueName("foreign");
        rabbit.declareWithErrorQueue(queue);
        AtomicInteger deliveries = new AtomicInteger();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            deliveries.incrementAndGet();
            throw new IllegalStateException("always fails");
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(2);
        spec.setRedeliveryInitialDelay(50L);
        adapter.endpointActivation(endpoints, spec);

        Map<String, Object> foreign = new LinkedHashMap<>();
        foreign.put("trace-id", "abc-123");
        foreign.put("tags", List.of("a", "b"));
        foreign.put("attrs", Map.of("k", "v"));
        foreign.put("n", 7);
        Rabbit.sendWithApplicationProperties("/amq/queue/" + queue, "from another client", foreign);

        List<Message> dead = Rabbit.receive("/amq/queue/" + queue + "_error", 1, WAIT);
        assertEquals(1, dead.size(), "dead-lettered, not stuck in its queue");
        Message copy = dead.get(0);
        assertEquals("from another client", text(copy));
        assertEquals("abc-123", copy.getStringProperty("trace-id"));
        assertEquals("[a, b]", copy.getStringProperty("tags"));
        assertEquals("{k=v}", copy.getStringProperty("attrs"));
        assertEquals(7, copy.getIntProperty("n"));
        assertEquals(2, copy.getIntProperty("dlq_delivery_attempts"));
        assertEquals(2, deliveries.get());
        adapter.endpointDeactivation(endpoints, spec); // anything unacknowledged would now be back in the queue
        assertEquals(0, rabbit.readyNow(queue), "the original was acknowledged");
    }

    /*
     * The error queue is an exchange that does not exist: the dead-letter send fails after RequestTimeout every
     * time. The connection is recycled and the broker redelivers, and the message goes straight back to the
     * dead-letter send (its attempts are remembered), but only once per ReconnectDelay.
     */
    @Test
    @DisplayName("a dead letter that cannot be sent is retried once per reconnect delay, logged at ERROR each time")
    void failingDeadLetterDoesNotLoop() throws Exception {
        String queue = Rabbit.uniqueQueueName("no-dlx");
        rabbit.declare(queue);
        adapter.setRequestTimeout(300L);
        adapter.setSendTimeout(300L);
        AtomicInteger deliveries = new AtomicInteger();
        TestEndpoints endpoints = new TestEndpoints(message -> {
            deliveries.incrementAndGet();
            throw new IllegalStateException("always fails");
        });
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(1);
        spec.setReconnectDelay(700L);
        spec.setErrorQueue("/exchange/ra-it-missing-" + System.nanoTime() + "/dead");

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec);
            Rabbit.sendText("/amq/queue/" + queue, "undeliverable");
            assertTrue(
                    ReconnectIT.await(() -> couldNotDeadLetter(log, queue).size() >= 3, Duration.ofSeconds(10)),
                    log.all().toString());
            List<LogRecord> errors = couldNotDeadLetter(log, queue);
            for (int i = 1; i < errors.size(); i++) {
                long gap = Duration.between(
                                errors.get(i - 1).getInstant(), errors.get(i).getInstant())
                        .toMillis();
                assertTrue(gap >= 690, "ERROR lines " + gap + " ms apart, less than the reconnect delay");
            }
            assertEquals(1, deliveries.get(), "the listener saw the message once; the rest were dead-letter sends");
        }
        adapter.endpointDeactivation(endpoints, spec);
        assertEquals(1, rabbit.readyNow(queue), "the message stays in its queue");
    }

    @Test
    @DisplayName("when the container has no endpoint to give, the message waits and no attempt is counted")
    void unavailableEndpointIsNoAttempt() throws Exception {
        String queue = Rabbit.uniqueQueueName("no-mdb");
        rabbit.declareWithErrorQueue(queue);
        List<String> seen = new CopyOnWriteArrayList<>();
        TestEndpoints endpoints = new TestEndpoints(message -> seen.add(text(message))).unavailable(3, 1);
        AmqpActivationSpec spec = spec(queue);
        spec.setMaxDeliveryAttempts(1); // one counted failure would dead-letter it

        try (LogCapture log = new LogCapture()) {
            adapter.endpointActivation(endpoints, spec);
            Rabbit.sendText("/amq/queue/" + queue, "patient");
            assertTrue(ReconnectIT.await(() -> seen.contains("patient"), WAIT), endpoints.calls.toString());
            assertEquals(List.of("patient"), seen);
            List<String> warnings = log.lines(Level.WARNING).stream()
                    .filter(line -> line.startsWith("no message endpoint for queue " + queue))
                    .toList();
            assertEquals(1, warnings.size(), "one WARNING for the whole wait: " + log.all());
            assertTrue(warnings.get(0).contains("not counted as a delivery attempt"), warnings.get(0));
            assertTrue(
                    log.lines(Level.INFO).stream()
                            .anyMatch(line ->
                                    line.startsWith("message endpoints for queue " + queue + " available again")),
                    log.all().toString());
        }
        adapter.endpointDeactivation(endpoints, spec); // anything unacknowledged would now be back in the queue
        assertEquals(0, rabbit.readyNow(queue), "acknowledged");
        assertEquals(0, rabbit.readyNow(queue + "_error"), "nothing dead-lettered");
        assertTrue(
                endpoints.calls.containsAll(List.of("1:beforeDelivery", "1:release")),
                "an endpoint whose beforeDelivery failed is released: " + endpoints.calls);
        assertFalse(endpoints.calls.contains("1:onMessage"), endpoints.calls.toString());
    }

    private static List<LogRecord> couldNotDeadLetter(LogCapture log, String queue) {
        return log.records(Level.SEVERE).stream()
                .filter(r -> r.getMessage().startsWith("could not dead-letter")
                        && r.getMessage().contains(queue))
                .toList();
    }

    private AmqpActivationSpec spec(String queue) throws Exception {
        AmqpActivationSpec spec = new AmqpActivationSpec();
        spec.setDestination(queue);
        spec.setResourceAdapter(adapter);
        spec.validate();
        return spec;
    }

    private static void sendPoison(String queue) throws JMSException {
        try (Connection connection = Rabbit.plainConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage("poison");
            message.setJMSType("order.created");
            message.setJMSCorrelationID("corr-1");
            message.setStringProperty("tenant", "acme");
            message.setIntProperty("n", 7);
            message.setStringProperty("idempotencyKey", "key-42");
            session.createProducer(session.createQueue("/amq/queue/" + queue)).send(message);
        }
    }

    private static void assertGaps(List<Long> times, long... expectedMs) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1)));
        }
        for (int i = 0; i < expectedMs.length; i++) {
            long gap = gaps.get(i);
            assertTrue(
                    gap >= expectedMs[i] - 5 && gap <= expectedMs[i] + 250,
                    "gap " + (i + 1) + " should be about " + expectedMs[i] + " ms; gaps were " + gaps);
        }
    }

    private static void assertDeadLetter(Message dead, String queue, String originalId) throws JMSException {
        assertEquals("poison", assertInstanceOf(TextMessage.class, dead).getText());
        assertEquals("order.created", dead.getJMSType());
        assertEquals("corr-1", dead.getJMSCorrelationID());
        assertEquals("acme", dead.getStringProperty("tenant"));
        assertEquals(7, dead.getIntProperty("n"));
        assertEquals("key-42", dead.getStringProperty("idempotencyKey"));
        assertNull(dead.getObjectProperty("AmqpRaAttempts"), "the dlq_* properties replace the adapter's");
        assertEquals(originalId, dead.getStringProperty("dlq_original_message_id"));
        assertEquals(4, dead.getObjectProperty("dlq_delivery_attempts"));
        assertEquals(queue, dead.getStringProperty("dlq_original_queue"));
        assertEquals("java.lang.IllegalStateException: poison pill", dead.getStringProperty("dlq_reason"));
        long first = (Long) dead.getObjectProperty("dlq_first_attempt_at");
        long last = (Long) dead.getObjectProperty("dlq_last_attempt_at");
        assertTrue(last - first >= 590 && last - first < 5_000, "first " + first + ", last " + last);
    }

    private static void assertLogLines(LogCapture log, String queue, String id) {
        String prefix = " failed for message " + id + " from queue " + queue
                + ": java.lang.IllegalStateException: poison pill; ";
        List<String> expected = List.of(
                "delivery attempt 1 of 4" + prefix + "retrying in 100 ms",
                "delivery attempt 2 of 4" + prefix + "retrying in 200 ms",
                "delivery attempt 3 of 4" + prefix + "retrying in 300 ms",
                "delivery attempt 4 of 4" + prefix + "dead-lettering to " + queue + "_error",
                "dead-lettered message " + id + " from queue " + queue + " to " + queue + "_error after 4 attempts");
        // The dead letter can reach the error queue before the adapter has written its line about it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> warnings;
        do {
            warnings = log.lines(Level.WARNING).stream()
                    .filter(line -> line.contains(id))
                    .collect(Collectors.toList());
        } while (warnings.size() < expected.size() && System.nanoTime() < deadline && pause());
        assertEquals(expected, warnings);
    }

    private static void assertEachEndpointLivedOnce(TestEndpoints endpoints) {
        Map<String, List<String>> byEndpoint = new TreeMap<>();
        for (String call : endpoints.calls) {
            String[] parts = call.split(":");
            byEndpoint.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        assertEquals(20, byEndpoint.size(), "one endpoint per delivery");
        List<String> lifecycle = List.of("beforeDelivery", "onMessage", "afterDelivery", "release");
        byEndpoint.forEach((id, calls) -> assertEquals(lifecycle, calls, "endpoint " + id));
    }

    private static String headersAndProperties(Message message) {
        try {
            return message.getJMSType() + "|" + message.getJMSCorrelationID() + "|"
                    + message.getStringProperty("tenant") + "|" + message.getIntProperty("n") + "|"
                    + message.getStringProperty("idempotencyKey");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
