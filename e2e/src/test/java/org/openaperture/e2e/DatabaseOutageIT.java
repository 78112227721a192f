package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.AmqpQueue;
import org.openaperture.testsupport.AmqpQueue.Received;
import org.openaperture.testsupport.AmqpSender;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Heartbeats;
import org.openaperture.testsupport.RabbitMq;

/**
 * The database goes away under load and comes back: PostgreSQL restarted, and stopped for a minute, while
 * heartbeats stream to two nodes on that database, competing on one queue (the suite's node and a second one
 * this test starts). No node needs a restart: their pools replace the dead connections, the API and readiness
 * of each answer again by themselves within seconds of the database's return, and the outage is not the
 * messages' fault: every confirmed heartbeat is recorded once, and none is dead-lettered. Needs root, to
 * restart the machine's PostgreSQL cluster.
 */
class DatabaseOutageIT {
    private static final String BASE = System.getProperty("it.base.url", "http://127.0.0.1:20080");
    /** The second node: a domain of its own in the suite's Payara Server, ports 21000 and up. */
    private static final String SECOND_DOMAIN = "oa-e2e-second";

    private static final String SECOND_BASE = "http://127.0.0.1:21080";
    private static final String QUEUE = "aws:us-east-1.system_modules";
    private static final String ERROR_QUEUE = QUEUE + "_error";
    private static final ApiClient ADMIN = new ApiClient(BASE).as("admin");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static String cluster;

    private final RabbitMq rabbit = RabbitMq.fromSystemProperties();

    private static final String PAYARA_ONLY = "it watches the application's database readiness check, which"
            + " WildFly's /health/ready lacks (WFLY-12835); and its two outages of the machine's PostgreSQL are run"
            + " once, on Payara";

    @BeforeAll
    static void thePostgresqlClusterOfThisMachine() throws IOException {
        Server.assumePayara(PAYARA_ONLY);
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "restarting PostgreSQL takes root (pg_ctlcluster); this run is not root");
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            cluster = versions.map(p -> p.getFileName().toString())
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
        ADMIN.ensureExchange("US-EAST-1", "us-east-1", ADMIN.ensureExchange("AWS", "aws", null));
        RabbitMq rabbit = RabbitMq.fromSystemProperties();
        int first = rabbit.consumers(QUEUE);
        secondNode("up", "--portbase", "21000", "--db", "postgresql", "--ear", System.getProperty("it.ear"));
        Eventually.within(
                Duration.ofSeconds(30), "both nodes consuming " + QUEUE, () -> rabbit.consumers(QUEUE) > first);
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (cluster != null) {
            secondNode("down");
        }
    }

    /** Runs the suite's Payara Server script for the second node: the first node's settings, its own domain. */
    private static void secondNode(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("it.payara.script"),
                action,
                "--home",
                System.getProperty("it.payara.home"),
                "--domain",
                SECOND_DOMAIN));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("OA_DB_NAME", System.getProperty("it.db.name"));
        env.put("OA_JWT_PUBLIC_KEY", System.getProperty("it.jwt.public.key"));
        env.put("OA_SECRETS_DIR", System.getProperty("it.secrets.dir"));
        env.put("OA_NODE_COMPONENTS", "manager");
        env.put("OA_MAX_DELIVERY_ATTEMPTS", System.getProperty("it.max.delivery.attempts"));
        env.put("OA_REDELIVERY_INITIAL_DELAY", System.getProperty("it.redelivery.initial.delay"));
        env.put("OPENAPERTURE_NODE_HOSTNAME", "e2e-second-node");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(
                    process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0,
                    "payara-server.sh " + action + " " + SECOND_DOMAIN + ": " + output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Per test, not in {@code @BeforeAll}: the reason of a skipped test shows in its report. */
    @BeforeEach
    void onPayara() {
        Server.assumePayara(PAYARA_ONLY);
    }

    @Test
    void aRestartedDatabaseLosesNoHeartbeatAndTheNodeRecoversByItself() throws Exception {
        outageUnderLoad("restart", () -> pg("restart"));
    }

    @Test
    void aDatabaseStoppedForAMinuteLosesNoHeartbeatAndTheNodeRecoversByItself() throws Exception {
        outageUnderLoad("stop", () -> {
            pg("stop");
            pause(Duration.ofSeconds(60)); // the outage itself, not a wait for the system
            pg("start");
        });
    }

    private void outageUnderLoad(String name, Outage outage) throws Exception {
        rabbit.purge(ERROR_QUEUE);
        String prefix = "db-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        int count = 900;
        List<String> sent = new CopyOnWriteArrayList<>();
        // 30 heartbeats a second for 30 s from a client that is not ours; the outage starts 10 s in.
        // Over AMQP 1.0 with our own message-id property, so that the consumer records each heartbeat's effect
        // once (processed_messages); the sender's close waits for the broker to confirm every send.
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (AmqpSender sender = AmqpSender.to("AWS", "aws.us-east-1.system_modules")) {
                for (int i = 0; i < count; i++) {
                    String hostname = prefix + "-" + i;
                    sender.send(Heartbeats.status(hostname), Map.of("oa_message_id", hostname));
                    sent.add(hostname);
                    pause(Duration.ofMillis(33));
                }
            }
        });
        Eventually.within(Duration.ofSeconds(60), "a third of the heartbeats sent", () -> sent.size() >= 300);
        long down = System.nanoTime();
        outage.happen();
        long up = System.nanoTime();
        System.out.printf(
                "database %s: out for %d ms with %d heartbeats sent%n",
                name, TimeUnit.NANOSECONDS.toMillis(up - down), sent.size());

        for (String base : List.of(BASE, SECOND_BASE)) {
            Duration readyAgain = Eventually.within(Duration.ofSeconds(30), base + " ready again", () -> ready(base));
            ApiClient admin = new ApiClient(base).as("admin");
            Duration apiAgain = Eventually.within(
                    Duration.ofSeconds(30),
                    base + " answering again",
                    () -> admin.get("/messaging/exchanges").status() == 200);
            System.out.printf(
                    "database %s: %s readiness UP %d ms and its API answering %d ms after the database was back%n",
                    name, base, readyAgain.toMillis(), apiAgain.toMillis());
        }

        publishing.get(3, TimeUnit.MINUTES);
        assertEquals(count, sent.size(), "every heartbeat was sent and confirmed by the broker");
        // The liveness sweep removes these modules once they fall silent: their processed-message rows, written in
        // the same transaction as the module's, are the record (one per message id, the primary key).
        Duration recorded = Eventually.within(
                Duration.ofMinutes(3), "every confirmed heartbeat recorded", () -> Outbox.processed(prefix) == count);
        System.out.printf("database %s: all %d heartbeats recorded %d ms later%n", name, count, recorded.toMillis());
        assertFalse(deadLettered(prefix).isPresent(), "a heartbeat was dead-lettered: " + deadLettered(prefix));
    }

    private static boolean ready(String base) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"database\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first message of the error queue that names {@code prefix}, draining the queue. */
    private static Optional<String> deadLettered(String prefix) {
        Optional<Received> received;
        while ((received = AmqpQueue.receive(ERROR_QUEUE, Duration.ofSeconds(2))).isPresent()) {
            if (received.get().body().contains(prefix)) {
                return Optional.of(received.get().body());
            }
        }
        return Optional.empty();
    }

    private static void pg(String action) {
        try {
            Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", action)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pg_ctlcluster " + action + ": " + out);
        } catch (IOException e) {
            throw new IllegalStateException("pg_ctlcluster " + action + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Outage {
        void happen() throws Exception;
    }
}
