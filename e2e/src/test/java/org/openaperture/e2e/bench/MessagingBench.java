package org.openaperture.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.openaperture.e2e.Outbox;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Heartbeats;
import org.openaperture.testsupport.RabbitMq;

/**
 * Prints figures; asserts only that every message arrived. Run with {@code bin/bench} (README): the end-to-end
 * domain on Payara Server, RabbitMQ and PostgreSQL on loopback.
 *
 * <ol>
 *   <li><b>Throughput, our whole stack against raw Qpid JMS</b>, on the same broker in the same run:
 *       {@code N} heartbeats queued in the outbox in one transaction, relayed by the node (resolution, pooled
 *       connection, confirmed persistent send), consumed by the {@code system_modules} message-driven bean
 *       through our adapter and recorded (idempotency row and module row in PostgreSQL); against a plain Qpid
 *       producer sending {@code N} persistent messages to a queue, confirmed asynchronously, and a plain Qpid
 *       consumer acknowledging each. The ratio is stack / raw.</li>
 *   <li><b>Heartbeats</b>: a load generator outside the server publishes heartbeats of {@code MODULES}
 *       distinct modules to the node's {@code system_modules} queue as fast as the node records them; the rate
 *       sustained over {@code HEARTBEAT_SECONDS}.</li>
 *   <li><b>Publish latency at a fixed rate</b>: workflows executed at {@code R} per second; each execution
 *       commits its orchestration request to the outbox and the node publishes it; p50 and p99 of the node's
 *       own {@code openaperture_publish} timer (resolution, connection from the pool, send, confirmation).</li>
 * </ol>
 */
class MessagingBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);
    static final int RATE = Integer.getInteger("bench.rate", 20);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int MODULES = Integer.getInteger("bench.modules", 60_000);
    static final int HEARTBEAT_SECONDS = Integer.getInteger("bench.heartbeat.seconds", 60);
    /** Heartbeats published but not yet recorded, at most: the node's pace sets the rate, not the publisher's. */
    static final int BACKLOG = Integer.getInteger("bench.backlog", 4_000);

    static final ApiClient API = new ApiClient(System.getProperty("it.base.url", "http://127.0.0.1:20080"));
    static final RabbitMq RABBIT = RabbitMq.fromSystemProperties();

    @Test
    void throughputAndLatency() throws Exception {
        long east = API.as("admin")
                .ensureExchange("US-EAST-1", "us-east-1", API.as("admin").ensureExchange("AWS", "aws", null));
        // Latency first: the node's timer weighs recent sends most, and the throughput run sends thousands.
        Map<String, Double> latency = publishLatency();
        heartbeats();
        double raw = rawQpid();
        double stack = stack(east);
        System.out.printf(
                "%nBENCH throughput (%d msgs): raw Qpid %.0f msg/s, our stack %.0f msg/s, ratio %.2f%n"
                        + "BENCH publish latency at %d msg/s for %d s: p50 %.1f ms, p99 %.1f ms (%s)%n%n",
                MESSAGES, raw, stack, stack / raw, RATE, SECONDS, latency.get("p50"), latency.get("p99"), latency);
    }

    /**
     * A Qpid producer and consumer on a queue of their own: persistent sends confirmed asynchronously (at most
     * {@code BACKLOG} unconfirmed), each message acknowledged by the consumer one by one.
     */
    private static double rawQpid() throws Exception {
        String queue = "oa-bench-raw-" + UUID.randomUUID();
        RABBIT.declareQueue(queue);
        JmsConnectionFactory factory = factory();
        String body = Heartbeats.status("bench-raw");
        CountDownLatch received = new CountDownLatch(MESSAGES);
        try (Connection consuming = factory.createConnection();
                Connection producing = factory.createConnection()) {
            Session in = consuming.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = in.createConsumer(in.createQueue("/amq/queue/" + queue));
            consumer.setMessageListener(message -> {
                try {
                    message.acknowledge();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                received.countDown();
            });
            consuming.start();
            Session out = producing.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = out.createProducer(out.createQueue("/amq/queue/" + queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Confirms confirms = new Confirms(BACKLOG);
            long started = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                confirms.send(producer, out.createTextMessage(body));
            }
            confirms.awaitAll();
            assertEquals(true, received.await(5, TimeUnit.MINUTES), "every raw message received");
            double seconds = (System.nanoTime() - started) / 1e9;
            in.close(); // sessions, not consumers, are closed on RabbitMQ 3.x (#7119)
            return MESSAGES / seconds;
        } finally {
            RABBIT.deleteQueue(queue);
        }
    }

    /**
     * Heartbeats of {@code MODULES} distinct modules published straight to the node's system_modules queue
     * (asynchronous confirmed sends, as a fleet of modules would), never more than {@code BACKLOG} ahead of what
     * the node recorded: the rate is the node's. After a warm-up of 10 s, the rate over {@code
     * HEARTBEAT_SECONDS}; then every heartbeat must be recorded.
     */
    private static void heartbeats() throws Exception {
        String run = "hb-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer =
                    session.createProducer(session.createQueue("/amq/queue/aws:us-east-1.system_modules"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Confirms confirms = new Confirms(BACKLOG);
            long started = System.nanoTime();
            long measureFrom = started + TimeUnit.SECONDS.toNanos(10);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS);
            int sent = 0;
            int recorded = 0;
            int recordedAtStart = -1;
            long startedAt = 0;
            while (System.nanoTime() < measureTo) {
                if (recordedAtStart < 0 && System.nanoTime() >= measureFrom) {
                    recordedAtStart = Outbox.processed(run);
                    startedAt = System.nanoTime();
                }
                if (sent - recorded >= BACKLOG) {
                    TimeUnit.MILLISECONDS.sleep(20); // pacing the load generator, not synchronisation
                    recorded = Outbox.processed(run);
                    continue;
                }
                TextMessage message = session.createTextMessage(Heartbeats.status(run + "-m" + (sent % MODULES)));
                message.setStringProperty("oa_message_id", run + "-" + sent);
                confirms.send(producer, message);
                sent++;
                if (sent % 500 == 0) {
                    recorded = Outbox.processed(run);
                }
            }
            int recordedAtEnd = Outbox.processed(run);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            confirms.awaitAll();
            int total = sent;
            Eventually.within(Duration.ofMinutes(10), "every heartbeat recorded", () -> Outbox.processed(run) == total);
            int modules = Outbox.modules(run);
            System.out.printf(
                    "BENCH heartbeats: %.0f msg/s sustained over %.0f s, %d modules (%d heartbeats published, all"
                            + " recorded)%n",
                    (recordedAtEnd - recordedAtStart) / seconds, seconds, modules, total);
        }
    }

    /** Asynchronous confirmed sends with at most {@code window} unconfirmed; a refused send fails the run. */
    private static final class Confirms implements CompletionListener {
        private final Semaphore window;
        private final int size;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Confirms(int size) {
            this.size = size;
            this.window = new Semaphore(size);
        }

        void send(MessageProducer producer, Message message) throws Exception {
            window.acquire();
            if (failure.get() != null) {
                throw failure.get();
            }
            producer.send(message, this);
        }

        void awaitAll() throws Exception {
            if (!window.tryAcquire(size, 5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("sends still unconfirmed after 5 minutes");
            }
            window.release(size);
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        @Override
        public void onCompletion(Message message) {
            window.release();
        }

        @Override
        public void onException(Message message, Exception exception) {
            failure.compareAndSet(null, exception);
            window.release();
        }
    }

    private static JmsConnectionFactory factory() {
        JmsConnectionFactory factory = new JmsConnectionFactory(
                System.getProperty("it.amqp.user", "guest"),
                System.getProperty("it.amqp.password", "guest"),
                System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672"));
        factory.setReceiveLocalOnly(true);
        return factory;
    }

    /** Heartbeats through the outbox, the relay, the broker, our adapter, the MDB and the database. */
    private static double stack(long east) throws Exception {
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Outbox.queueHeartbeats(run, east, MESSAGES, "bench");
        long started = System.nanoTime();
        // The relay finds rows written behind the application's back on its 5 s timer: time from the first
        // effect to the last, and report the wait for the first apart.
        Eventually.within(Duration.ofMinutes(10), "every message consumed", () -> Outbox.processed(run) == MESSAGES);
        double total = (System.nanoTime() - started) / 1e9;
        try (var db = Outbox.database();
                PreparedStatement span = db.prepareStatement("SELECT MIN(processed_at), MAX(processed_at) FROM"
                        + " processed_messages WHERE consumer = 'system_modules' AND message_id LIKE ?")) {
            span.setString(1, run + "-%");
            try (ResultSet rows = span.executeQuery()) {
                rows.next();
                double seconds = Duration.between(
                                        rows.getTimestamp(1).toLocalDateTime(),
                                        rows.getTimestamp(2).toLocalDateTime())
                                .toMillis()
                        / 1000.0;
                System.out.printf(
                        "BENCH stack: %d messages, %.1f s from commit to the last effect, %.1f s from the first effect"
                                + " to the last%n",
                        MESSAGES, total, seconds);
                return MESSAGES / Math.max(seconds, 0.001);
            }
        }
    }

    /** Workflows executed at a fixed rate; the node's publish timer gives the percentiles. */
    private static Map<String, Double> publishLatency() throws Exception {
        ApiClient operator = API.as("operator");
        int count = RATE * SECONDS;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(operator.post("/workflows", "{\"deployment_repo\":\"bench/repo\"}")
                    .location()
                    .replaceAll(".*/", ""));
        }
        Map<String, Double> before = publishTimer();
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long next = System.nanoTime();
        for (String id : ids) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            var reply = operator.post("/workflows/" + id + "/execute", "{}");
            assertEquals(202, reply.status(), reply::toString);
            next += period;
        }
        Eventually.within(
                Duration.ofMinutes(2),
                "every orchestration request published",
                () -> publishTimer().getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0) >= count);
        RABBIT.purge("aws:us-east-1.workflow_orchestration");
        return publishTimer();
    }

    /**
     * The {@code openaperture_publish} timer of side primary from /metrics (Prometheus text; the node reports
     * nanoseconds): {@code count}, and the quantiles in milliseconds ({@code p50}, {@code p99}, ...).
     */
    private static Map<String, Double> publishTimer() {
        // The metrics endpoint answers Prometheus text only (406 to a request that accepts JSON alone).
        String body = API.as("viewer")
                .send("GET", "/metrics?scope=application", null, null, "text/plain")
                .body();
        Map<String, Double> timer = new TreeMap<>();
        Pattern quantile = Pattern.compile("quantile=\"0\\.([0-9]+)\"");
        for (String line : body.split("\n")) {
            if (!line.startsWith("openaperture_publish") || !line.contains("side=\"primary\"")) {
                continue;
            }
            double value =
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            String name = line.substring(0, line.indexOf('{'));
            Matcher q = quantile.matcher(line);
            if (name.endsWith("_count")) {
                timer.put("count", value);
            } else if (q.find()) {
                String digits = q.group(1);
                timer.put("p" + (digits.length() == 1 ? digits + "0" : digits), value / 1e6);
            }
        }
        return timer;
    }
}
