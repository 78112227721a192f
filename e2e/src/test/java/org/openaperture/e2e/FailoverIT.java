package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.RabbitMq;

/**
 * The seed's failover, for real: a second RabbitMQ node on port 5673 (started by {@code bin/test}, with the
 * AWS topology) is broker {@code e2e-standby}, the failover broker of {@code e2e-primary} (the node's own broker,
 * {@code openaperture.node.broker}); US-WEST-1 is the failover exchange of US-EAST-1. The node's
 * {@code system_modules} consumer fails over to {@code aws:us-west-1.system_modules} on 5673. The two brokers are
 * {@code it.amqp.url} and {@code it.failover.amqp.url}; {@code rabbitmqctl} stops the node {@code it.rabbitmqctl.node}
 * names, the machine's default node when none.
 *
 * <p>Ten thousand heartbeats are queued in the outbox, as a database change queues its messages, and the node's
 * relay publishes them while its consumer records them. With the flow under way the primary broker is stopped
 * ({@code rabbitmqctl stop_app}); publishing and consuming go on through the failover broker and exchange. Once
 * the relay has had every message confirmed (none is left in the outbox) the primary is started again and the
 * consumer drains what the primary still held. Every confirmed message was consumed, and each had its effect
 * exactly once: one {@code processed_messages} row each, written in the transaction of the effect.
 */
class FailoverIT {
    static final int MESSAGES = Integer.getInteger("it.failover.messages", 10_000);
    static final int STOP_AFTER = MESSAGES / 5;
    static final String PRIMARY = "e2e-primary";
    static final String STANDBY = "e2e-standby";
    static final int PRIMARY_PORT = port(System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672"));
    static final int STANDBY_PORT = port(System.getProperty("it.failover.amqp.url", "amqp://127.0.0.1:5673"));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private long east;
    private long west;
    private long aws;
    private boolean primaryStopped;

    @BeforeEach
    void brokersAndExchanges() {
        aws = Server.ADMIN.ensureExchange("AWS", "aws", null);
        east = Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", aws);
        west = Server.ADMIN.ensureExchange("US-WEST-1", "us-west-1", aws);
        long standby = broker(STANDBY, null, STANDBY_PORT);
        broker(PRIMARY, standby, PRIMARY_PORT);
        putEast(west);
    }

    @AfterEach
    void restore() {
        if (primaryStopped) {
            RabbitMq.rabbitmqctl("start_app");
        }
        putEast(null);
        // The node falls back to the adapter's own connection; other tests expect brokers of their own only.
        for (String name : new String[] {PRIMARY, STANDBY}) {
            brokerId(name).ifPresent(id -> Server.ADMIN.delete("/messaging/brokers/" + id));
        }
    }

    private static java.util.Optional<Long> brokerId(String name) {
        return Server.ADMIN.get("/messaging/brokers").array().getValuesAs(JsonObject.class).stream()
                .filter(b -> b.getString("name").equals(name))
                .findFirst()
                .map(b -> b.getJsonNumber("id").longValue());
    }

    @Test
    void withTenThousandMessagesFlowingThePrimaryStopsAndEveryConfirmedMessageIsConsumedExactlyOnce() throws Exception {
        long started = System.nanoTime();
        Outbox.queueHeartbeats(prefix(), east, MESSAGES, "failover_test");
        Eventually.within(
                Duration.ofMinutes(3),
                STOP_AFTER + " messages confirmed by the primary",
                () -> MESSAGES - pendingInOutbox() >= STOP_AFTER);
        int processedAtStop = processed();

        long stopping = System.nanoTime();
        RabbitMq.rabbitmqctl("stop_app");
        primaryStopped = true;
        long stoppedAt = System.nanoTime();
        System.out.printf(
                "primary stopped after %d s: %d confirmed, %d consumed%n",
                seconds(started), MESSAGES - pendingInOutbox(), processedAtStop);

        Eventually.within(
                Duration.ofMinutes(2), "consumption on the failover broker", () -> processed() > processedAtStop + 100);
        long resumedMs = Duration.ofNanos(System.nanoTime() - stopping).toMillis();
        Eventually.within(Duration.ofMinutes(5), "every message confirmed", () -> pendingInOutbox() == 0);
        // The consumer must have worked off the failover queue before it moves back to the primary.
        int processedOnFailover = settled(Duration.ofMinutes(3));
        assertTrue(processedOnFailover > processedAtStop, "consumed while the primary was down");
        JsonObject ready = Server.HEALTH.get("/health/ready").json();
        System.out.printf(
                "all %d confirmed %d s after the stop; %d consumed so far; readiness %s%n",
                MESSAGES, seconds(stoppedAt), processedOnFailover, ready);
        // WildFly's readiness has no broker check (WFLY-12835): there the switch shows in the system events only.
        if (!Server.isWildFly()) {
            assertTrue(ready.toString().contains("on failover"), ready.toString());
        }
        assertTrue(switchEvents("broker_failover").contains("\"role\":\"publisher\""), "the publisher's switch");
        assertTrue(switchEvents("broker_failover").contains("\"role\":\"consumer\""), "the consumer's switch");

        long starting = System.nanoTime();
        RabbitMq.rabbitmqctl("start_app");
        primaryStopped = false;
        Duration drained = Eventually.within(
                Duration.ofMinutes(3), "every confirmed message consumed", () -> processed() == MESSAGES);

        assertEquals(MESSAGES, processed(), "one effect per message, no more");
        assertEquals(0, pendingInOutbox());
        System.out.printf(
                "failover: %d messages; stop_app took %d ms; 100 more effects through the failover broker %d ms after"
                        + " stop_app began; the primary's remainder drained %d ms after start_app returned (it took"
                        + " %d ms); %d s in all%n",
                MESSAGES,
                Duration.ofNanos(stoppedAt - stopping).toMillis(),
                resumedMs,
                drained.toMillis(),
                Duration.ofNanos(System.nanoTime() - starting).toMillis() - drained.toMillis(),
                seconds(started));
    }

    /** The count of effects once it has not grown for 3 s; fails when it still grows after {@code limit}. */
    private int settled(Duration limit) {
        long quiet = Duration.ofSeconds(3).toNanos();
        int[] last = {processed()};
        long[] since = {System.nanoTime()};
        Eventually.within(limit, "the count of effects steady for 3 s", () -> {
            int now = processed();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] >= quiet;
        });
        return last[0];
    }

    private String prefix() {
        return "failover-" + run;
    }

    private int pendingInOutbox() {
        return Outbox.pending(prefix());
    }

    /** The effects had: one row per message the consumer acted on, written in the transaction of the effect. */
    private int processed() {
        return Outbox.processed(prefix());
    }

    private static String switchEvents(String type) {
        return Server.ADMIN.get("/system_events?lookback=0&type=" + type).body();
    }

    /** Creates the broker with one connection to 127.0.0.1:{@code port}, or finds it; returns its id. */
    private static long broker(String name, Long failoverBrokerId, int port) {
        var body = Json.createObjectBuilder().add("name", name);
        if (failoverBrokerId != null) {
            body.add("failover_broker_id", failoverBrokerId);
        }
        var created = Server.ADMIN.post("/messaging/brokers", body.build());
        if (created.status() == 409) {
            return brokerId(name).orElseThrow();
        }
        assertEquals(201, created.status(), created::toString);
        long id = created.createdId();
        var connection = Server.ADMIN.post(
                "/messaging/brokers/" + id + "/connections",
                Json.createObjectBuilder()
                        .add("username", "guest")
                        .add("password", "guest")
                        .add("host", "127.0.0.1")
                        .add("port", port)
                        .add("virtual_host", "/")
                        .build());
        assertEquals(201, connection.status(), connection::toString);
        return id;
    }

    private void putEast(Long failoverExchangeId) {
        var body = Json.createObjectBuilder()
                .add("name", "US-EAST-1")
                .add("routing_key_fragment", "us-east-1")
                .add("parent_exchange_id", aws);
        if (failoverExchangeId != null) {
            body.add("failover_exchange_id", failoverExchangeId);
        }
        var reply = Server.ADMIN.put("/messaging/exchanges/" + east, body.build());
        assertEquals(204, reply.status(), reply::toString);
    }

    private static int port(String amqpUrl) {
        return URI.create(amqpUrl).getPort();
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }
}
