package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.AmqpQueue;
import org.openaperture.testsupport.AmqpQueue.Received;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Heartbeats;
import org.openaperture.testsupport.RabbitMq;

/**
 * Heartbeats published by a client that is not ours (the RabbitMQ management API) to the root exchange AWS
 * reach the system_modules message-driven bean through our adapter and show in the Manager's API.
 */
class HeartbeatIT {
    private static final String QUEUE = "aws:us-east-1.system_modules";
    private static final String ERROR_QUEUE = QUEUE + "_error";
    private static final String ROUTING_KEY = "aws.us-east-1.system_modules";
    private static final int MAX_ATTEMPTS = Integer.getInteger("it.max.delivery.attempts", 4);
    private static final long INITIAL_DELAY = Long.getLong("it.redelivery.initial.delay", 250);

    private final RabbitMq rabbit = RabbitMq.fromSystemProperties();
    private long usEast;

    @BeforeEach
    void seedHierarchy() {
        usEast = Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", Server.ADMIN.ensureExchange("AWS", "aws", null));
    }

    @Test
    void aHeartbeatIsListedAsAModuleWithinTwoSeconds() {
        String hostname = "builder-" + UUID.randomUUID();

        assertTrue(rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(hostname), hostname), "routed");

        Duration took = Eventually.within(Duration.ofSeconds(2), hostname + " listed", () -> listed(hostname));
        System.out.printf("heartbeat listed after %d ms%n", took.toMillis());
    }

    @Test
    void aPublisherOverAmqp091IsRecognisedAgainByItsMessageId() {
        // The modules of the original system publish over AMQP 0-9-1 (as the management API does): RabbitMQ's
        // AMQP 1.0 plugin drops their headers, so their message_id property is what identifies a message.
        String hostname = "builder-091-" + UUID.randomUUID();
        String messageId = "hb-091-" + UUID.randomUUID();
        assertTrue(rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(hostname), messageId), "routed");
        Eventually.within(Duration.ofSeconds(5), hostname + " listed", () -> listed(hostname));

        String inactive = Heartbeats.status(hostname).replace("\"active\"", "\"inactive\"");
        assertTrue(rabbit.publish("AWS", ROUTING_KEY, inactive, messageId), "routed");

        Pattern skipped =
                Pattern.compile("system_modules: message \\S*" + Pattern.quote(messageId) + " was processed before");
        Eventually.within(
                Duration.ofSeconds(10),
                "the second message with message_id " + messageId + " skipped",
                () -> skipped.matcher(Server.log()).find());
        assertEquals(
                "active",
                Server.VIEWER
                        .get("/messaging/exchanges/" + usEast + "/modules/" + hostname)
                        .json()
                        .getString("status"),
                "the module as the first message left it");
    }

    @Test
    void aPoisonMessageIsRetriedWithBackoffThenDeadLetteredAndTheNextMessageIsStillProcessed() {
        rabbit.purge(ERROR_QUEUE);
        String poisonId = "poison-" + UUID.randomUUID();

        assertTrue(rabbit.publish("AWS", ROUTING_KEY, "{this is not json", poisonId), "routed");

        Received dead = AmqpQueue.receive(ERROR_QUEUE, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("nothing reached " + ERROR_QUEUE));
        assertEquals("{this is not json", dead.body());
        assertEquals(MAX_ATTEMPTS, ((Number) dead.properties().get("dlq_delivery_attempts")).intValue());
        long spread = (Long) dead.properties().get("dlq_last_attempt_at")
                - (Long) dead.properties().get("dlq_first_attempt_at");
        long minimumBackoff = minimumBackoff();
        assertTrue(spread >= minimumBackoff, "attempts spread over " + spread + " ms, backoff needs " + minimumBackoff);

        // The server writes its log asynchronously: wait for the lines, then make sure no more come. Nothing
        // signals "no more attempts", so the log is watched for a second.
        Eventually.within(
                Duration.ofSeconds(10),
                MAX_ATTEMPTS + " attempts logged",
                () -> attemptsLogged(poisonId).size() >= MAX_ATTEMPTS);
        Eventually.throughout(
                Duration.ofSeconds(1),
                "no more than " + MAX_ATTEMPTS + " attempts logged",
                () -> attemptsLogged(poisonId).size() <= MAX_ATTEMPTS);
        List<Integer> attempts = attemptsLogged(poisonId);
        assertEquals(
                IntStream.rangeClosed(1, MAX_ATTEMPTS).boxed().toList(),
                attempts,
                "exactly one logged failure per attempt, none after dead-lettering");
        System.out.printf("poison message: %d attempts over %d ms, then dead-lettered%n", MAX_ATTEMPTS, spread);

        String good = "after-poison-" + UUID.randomUUID();
        rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(good), good);
        Eventually.within(Duration.ofSeconds(5), good + " listed", () -> listed(good));
    }

    @Test
    void aMessageNestedTooDeepIsDeadLetteredOnItsFirstAttemptAndTheNextMessageIsProcessed() {
        rabbit.purge(ERROR_QUEUE);
        String deepId = "deep-" + UUID.randomUUID();
        String deep = "[".repeat(5_000) + "]".repeat(5_000);

        assertTrue(rabbit.publish("AWS", ROUTING_KEY, deep, deepId), "routed");

        Received dead = AmqpQueue.receive(ERROR_QUEUE, Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("nothing reached " + ERROR_QUEUE));
        assertEquals(deep, dead.body());
        assertEquals(
                1, ((Number) dead.properties().get("dlq_delivery_attempts")).intValue(), dead.properties()::toString);
        assertTrue(
                String.valueOf(dead.properties().get("dlq_reason")).contains("nested deeper than the limit of"),
                "the dead letter says why: " + dead.properties());

        String good = "after-deep-" + UUID.randomUUID();
        rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(good), good);
        Eventually.within(Duration.ofSeconds(5), good + " listed", () -> listed(good));
    }

    @Test
    void afterTheBrokerClosesAllConnectionsTheMdbConsumesAgainWithinTenSecondsAndNothingIsLost() throws Exception {
        long lossesBefore = connectionLossesLogged();
        List<String> published = new CopyOnWriteArrayList<>();
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        // Heartbeats keep flowing while the broker drops every connection, so some are in flight.
        Future<?> publishing = publisher.submit(() -> publishHeartbeats("across-close", 80, 25, published));
        Eventually.within(Duration.ofSeconds(10), "publishing under way", () -> published.size() >= 10);

        RabbitMq.closeAllConnections();
        long closedAt = System.nanoTime();
        String afterClose =
                publishHeartbeats("after-close", 1, 0, new ArrayList<>()).get(0);

        Eventually.within(
                Duration.ofSeconds(10), "a heartbeat published after the close listed", () -> listed(afterClose));
        System.out.printf(
                "consuming again %d ms after close_all_connections%n",
                Duration.ofNanos(System.nanoTime() - closedAt).toMillis());
        publishing.get(30, TimeUnit.SECONDS);
        publisher.shutdown();
        assertTrue(published.size() == 80, "all published");
        // The server writes its log asynchronously: the line may land after consumption resumed.
        Eventually.within(
                Duration.ofSeconds(10),
                "the consumer really lost its connection",
                () -> connectionLossesLogged() > lossesBefore);
        Eventually.within(
                Duration.ofSeconds(10), "all " + published.size() + " heartbeats listed", () -> listedHostnames()
                        .containsAll(published));
    }

    @Test
    void aSecondHeartbeatRefreshesTheModulesRowInsteadOfAddingOne() {
        String hostname = "refresh-" + UUID.randomUUID();
        rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(hostname), hostname + "-1");
        Eventually.within(Duration.ofSeconds(5), hostname + " listed", () -> listed(hostname));
        JsonObject first = Server.VIEWER
                .get("/messaging/exchanges/" + usEast + "/modules/" + hostname)
                .json();

        rabbit.publish(
                "AWS", ROUTING_KEY, Heartbeats.status(hostname).replace("\"active\"", "\"inactive\""), hostname + "-2");

        Eventually.within(Duration.ofSeconds(5), hostname + " inactive", () -> "inactive"
                .equals(Server.VIEWER
                        .get("/messaging/exchanges/" + usEast + "/modules/" + hostname)
                        .json()
                        .getString("status")));
        JsonObject second = Server.VIEWER
                .get("/messaging/exchanges/" + usEast + "/modules/" + hostname)
                .json();
        assertEquals(first.getInt("id"), second.getInt("id"), "the same row");
        assertEquals(first.getString("inserted_at"), second.getString("inserted_at"));
        long rows = Server.VIEWER.get("/messaging/exchanges/" + usEast + "/modules").array().stream()
                .filter(m -> m.asJsonObject().getString("hostname").equals(hostname))
                .count();
        assertEquals(1, rows);
    }

    private static long connectionLossesLogged() {
        return Pattern.compile("lost connection to \\S+ consuming queue " + Pattern.quote(QUEUE))
                .matcher(Server.log())
                .results()
                .count();
    }

    /** Publishes heartbeats for new hostnames, adding each hostname to {@code hostnames} as it goes. */
    private List<String> publishHeartbeats(String prefix, int count, long pauseMillis, List<String> hostnames) {
        for (int i = 0; i < count; i++) {
            String hostname = prefix + "-" + i + "-" + UUID.randomUUID();
            assertTrue(rabbit.publish("AWS", ROUTING_KEY, Heartbeats.status(hostname), hostname), "routed");
            hostnames.add(hostname);
            sleep(Duration.ofMillis(pauseMillis));
        }
        return hostnames;
    }

    /** The adapter's backoff between consecutive attempts doubles from the initial delay. */
    private static long minimumBackoff() {
        long total = 0;
        for (int gap = 0; gap < MAX_ATTEMPTS - 1; gap++) {
            total += INITIAL_DELAY << gap;
        }
        return total;
    }

    private static List<Integer> attemptsLogged(String messageId) {
        Matcher m = Pattern.compile("delivery attempt (\\d+) of " + MAX_ATTEMPTS + " failed for message \\S*"
                        + Pattern.quote(messageId) + " from queue " + Pattern.quote(QUEUE))
                .matcher(Server.log());
        List<Integer> attempts = new ArrayList<>();
        while (m.find()) {
            attempts.add(Integer.parseInt(m.group(1)));
        }
        return attempts;
    }

    private boolean listed(String hostname) {
        return listedHostnames().contains(hostname);
    }

    private Set<String> listedHostnames() {
        return Server.VIEWER.get("/messaging/exchanges/" + usEast + "/modules").array().stream()
                .map(v -> v.asJsonObject().getString("hostname"))
                .collect(Collectors.toSet());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
