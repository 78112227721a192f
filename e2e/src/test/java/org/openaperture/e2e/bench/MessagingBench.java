package org.openaperture.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openaperture.testsupport.Tokens;

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
 *       consumer acknowledging each. The ratio is stack / raw, raw being the best of {@code RAW_RUNS}.</li>
 *   <li><b>Heartbeats</b>: a load generator outside the server publishes heartbeats of {@code MODULES}
 *       distinct modules to the node's {@code system_modules} queue as fast as the node records them, over AMQP
 *       0-9-1 as the modules of the original system do; the rate sustained over {@code HEARTBEAT_SECONDS}. Each
 *       heartbeat reports the node's version, as the heartbeats of a fleet in step with its Manager do, so the
 *       version check runs for every one.</li>
 *   <li><b>Publish latency at a fixed rate</b>: upgrade requests of a system component at {@code R} per second;
 *       each commits one message to the outbox and the node publishes it to a queue the bench consumes; p50
 *       and p99 of the node's own {@code openaperture_publish} timer (resolution, connection from the pool, send,
 *       confirmation). The same timer again after the throughput run, whose messages the relay sends as fast as
 *       it can.</li>
 * </ol>
 */
class MessagingBench {
    static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);
    static final int RATE = Integer.getInteger("bench.rate", 500);
    /** Requests in flight at once in the latency run, so that the rate is not bounded by one request's time. */
    static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    /** Requests made before the latency run, unmeasured. */
    static final int WARM_UP_REQUESTS = Integer.getInteger("bench.rate.warmup", 10_000);

    /**
     * Raw Qpid runs, of which the best counts: the raw pair's rate varies most from run to run (the broker's own
     * pace after the runs before it), and the ratio is to the broker's best.
     */
    static final int RAW_RUNS = Integer.getInteger("bench.raw.runs", 3);

    static final int PAGE_REQUESTS = Integer.getInteger("bench.page.requests", 200);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int MODULES = Integer.getInteger("bench.modules", 60_000);
    static final int HEARTBEAT_SECONDS = Integer.getInteger("bench.heartbeat.seconds", 60);
    /**
     * Heartbeats before the measured window: the node's JIT compiles for its first minute or so of this load,
     * taking CPU from the broker and the database on a small machine; a node in service is past that.
     */
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.heartbeat.warmup", 45);
    /**
     * Heartbeats published and not yet recorded, at most: the node's pace sets the rate, not the publisher's. The
     * node holds up to its sessions' prefetch of them (256 sessions of 10, and one each in hand); the rest wait in
     * the queue.
     */
    static final int BACKLOG = Integer.getInteger("bench.backlog", 6_000);

    /** The version the heartbeats report: the node's own, as a fleet in step with its Manager reports. */
    static final String VERSION = System.getProperty("it.oa.version", "0.0.0");

    static final ApiClient API = new ApiClient(System.getProperty("it.base.url", "http://127.0.0.1:20080"));
    static final RabbitMq RABBIT = RabbitMq.fromSystemProperties();
    static final String SWEEP = "openaperture_liveness_sweep";

    @Test
    void throughputAndLatency() throws Exception {
        long east = API.as("admin")
                .ensureExchange("US-EAST-1", "us-east-1", API.as("admin").ensureExchange("AWS", "aws", null));
        // Heartbeats first: they warm the node up (its JIT) and publish nothing through it; the figures at scale
        // need their modules. The latency run comes before the throughput run, as the node's timer weighs recent
        // sends most and that run sends thousands.
        String run = heartbeats();
        Outbox.vacuumAnalyze(); // autovacuum's work, in case it is off
        String scale = atScale(east, run);
        Latency latency = publishLatency(east);
        double raw = 0;
        for (int i = 0; i < RAW_RUNS; i++) {
            raw = Math.max(raw, rawQpid());
        }
        double stack = stack(east);
        Map<String, Double> relayed = publishTimer();
        System.out.printf(
                "%nBENCH throughput (%d msgs): raw Qpid %.0f msg/s, our stack %.0f msg/s, ratio %.2f%n"
                        + "BENCH publish latency at %.0f msg/s for %d s (%d asked for): p50 %.1f ms, p99 %.1f ms (%s)%n"
                        + "BENCH publish latency while the relay sent the throughput run's %d messages at once: p50 %.1f"
                        + " ms, p99 %.1f ms%n"
                        + "%s%n%n",
                MESSAGES,
                raw,
                stack,
                stack / raw,
                latency.rate(),
                SECONDS,
                RATE,
                latency.timer().get("p50"),
                latency.timer().get("p99"),
                latency.timer(),
                MESSAGES,
                relayed.get("p50"),
                relayed.get("p99"),
                scale);
    }

    /** The node's publish timer after the fixed-rate run, and the rate at which the executions went out. */
    record Latency(double rate, Map<String, Double> timer) {}

    /**
     * With the heartbeat run's modules in the model: the p50 and p99 of the Manager's first modules page ({@code
     * per_page=500}, {@code PAGE_REQUESTS} requests one after another), the slowest liveness sweep while they
     * all reported, the sweep that turns them all inactive at once (their last report set 15 minutes ago in the
     * database, past {@code inactive-after} and short of {@code remove-after}), and the node's heap.
     */
    private static String atScale(long east, String run) throws Exception {
        ApiClient viewer = API.withToken(Tokens.mint("bench-viewer", "viewer"));
        String page = "/messaging/exchanges/" + east + "/modules?per_page=500";
        for (int i = 0; i < 20; i++) {
            assertEquals(200, viewer.get(page).status(), "warm-up of " + page);
        }
        long[] took = new long[PAGE_REQUESTS];
        for (int i = 0; i < PAGE_REQUESTS; i++) {
            long started = System.nanoTime();
            var reply = viewer.get(page);
            took[i] = System.nanoTime() - started;
            assertEquals(200, reply.status(), reply::toString);
        }
        Arrays.sort(took);
        double pageP50 = took[PAGE_REQUESTS / 2] / 1e6;
        double pageP99 = took[(int) Math.ceil(PAGE_REQUESTS * 0.99) - 1] / 1e6;
        int modules = Outbox.modules(run);
        Map<String, Double> steady = timer(SWEEP, null);
        double before = steady.getOrDefault("count", 0.0);
        int aged = Outbox.ageModules(run, Duration.ofMinutes(15));
        Eventually.within(
                Duration.ofMinutes(3),
                "a liveness sweep after the modules fell silent",
                () -> Outbox.inactiveModules(run) == aged);
        // The sweep is timed once it returns, a moment after its change is seen: one sweep more after the change
        // leaves no doubt that the timer holds it.
        double changed = timer(SWEEP, null).getOrDefault("count", 0.0);
        Eventually.within(
                Duration.ofMinutes(1),
                "a liveness sweep after the one that turned the modules inactive",
                () -> timer(SWEEP, null).getOrDefault("count", 0.0) > changed);
        Map<String, Double> mass = timer(SWEEP, null);
        double sweeps = mass.get("count") - before;
        double sweepsTook = mass.get("sum") - steady.getOrDefault("sum", 0.0);
        return String.format(
                "BENCH modules page at %d modules: GET %s p50 %.1f ms, p99 %.1f ms (%d requests)%n"
                        + "BENCH liveness sweep at %d modules: %.0f ms at most while all reported (%.0f sweeps),"
                        + " p50 %.0f ms; the sweep that turned %d inactive took at most %.0f ms (%.0f sweeps, %.0f ms"
                        + " in all)%n"
                        + "BENCH node heap after the run: %s",
                modules,
                page,
                pageP50,
                pageP99,
                PAGE_REQUESTS,
                modules,
                steady.getOrDefault("max", Double.NaN),
                before,
                steady.getOrDefault("p50", Double.NaN),
                aged,
                sweepsTook - (sweeps - 1) * steady.getOrDefault("p50", 0.0),
                sweeps,
                sweepsTook,
                heap());
    }

    /** The node's heap now, from its base metrics. */
    private static String heap() {
        String body = API.as("viewer")
                .send("GET", "/metrics?scope=base", null, null, "text/plain")
                .body();
        double used = Double.NaN;
        double max = Double.NaN;
        for (String line : body.split("\n")) {
            if (line.startsWith("memory_usedHeap_bytes")) {
                used = Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1).trim());
            } else if (line.startsWith("memory_maxHeap_bytes")) {
                max = Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return String.format("%.0f MiB used of %.0f MiB max", used / (1 << 20), max / (1 << 20));
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
            try {
                in.close(); // sessions, not consumers, are closed on RabbitMQ 3.x (#7119)
            } catch (JMSException e) {
                // Measured already; now and then RabbitMQ does not answer the session's end (the connection's
                // close, next, ends it anyway).
                System.err.println("bench: the raw consumer's session did not close: " + e.getMessage());
            }
            return MESSAGES / seconds;
        } finally {
            RABBIT.deleteQueue(queue);
        }
    }

    /**
     * Heartbeats of {@code MODULES} distinct modules published as the modules of the original system publish
     * them: over AMQP 0-9-1, persistent, to root exchange AWS with the node's {@code system_modules} key, each with
     * its {@code message_id}, confirmed by the broker a batch at a time; never more than {@code BACKLOG} published
     * and not yet recorded, so that the rate is the node's. The publisher learns how many the node recorded from
     * PostgreSQL's statistics (rows inserted into {@code processed_messages}), which scans nothing: the queue's
     * depth would not do, as RabbitMQ's AMQP 1.0 plugin takes the messages of a queue into its sessions long
     * before the node asks for them. After a warm-up of {@code WARM_UP_SECONDS}, the rate over {@code
     * HEARTBEAT_SECONDS}; then every heartbeat must be recorded.
     */
    private static String heartbeats() throws Exception {
        String run = "hb-" + UUID.randomUUID().toString().substring(0, 8);
        // The node records a 0-9-1 message_id as the JMS message id Qpid JMS gives it.
        String recorded = RECORDED_0_9_1 + run;
        try (Fleet fleet = new Fleet("aws:us-east-1.system_modules");
                var db = Outbox.database()) {
            long insertedBefore = Outbox.processedInserts(db);
            long started = System.nanoTime();
            long measureFrom = started + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
            long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS);
            int sent = 0;
            int recordedAtStart = -1;
            long startedAt = 0;
            int recordedAtEnd = -1;
            double seconds = 0;
            // After the measured window, on until every module has reported once: the figures at scale need them.
            while (recordedAtEnd < 0 || sent < MODULES) {
                if (recordedAtStart < 0 && System.nanoTime() >= measureFrom) {
                    recordedAtStart = Outbox.processed(recorded);
                    startedAt = System.nanoTime();
                }
                if (recordedAtEnd < 0 && System.nanoTime() >= measureTo) {
                    recordedAtEnd = Outbox.processed(recorded);
                    seconds = (System.nanoTime() - startedAt) / 1e9;
                }
                if (sent - (Outbox.processedInserts(db) - insertedBefore) >= BACKLOG) {
                    TimeUnit.MILLISECONDS.sleep(10); // pacing the load generator, not synchronisation
                    continue;
                }
                for (int i = 0; i < Fleet.BATCH; i++, sent++) {
                    fleet.publish(
                            Heartbeats.status(run + "-m" + (sent % MODULES), "builder", VERSION), run + "-" + sent);
                }
                fleet.confirmed();
            }
            int total = sent;
            // By the statistics first: counting the recorded ones scans the table, and polling that would slow the
            // node down while it catches up.
            Eventually.within(
                    Duration.ofMinutes(10),
                    "every heartbeat recorded, by the statistics",
                    () -> Outbox.processedInserts(db) - insertedBefore >= total);
            Eventually.within(
                    Duration.ofMinutes(1), "every heartbeat recorded", () -> Outbox.processed(recorded) == total);
            int modules = Outbox.modules(run);
            System.out.printf(
                    "BENCH heartbeats: %.0f msg/s sustained over %.0f s, %d modules (%d heartbeats published over AMQP"
                            + " 0-9-1, all recorded; measured after a warm-up of %d s)%n",
                    (recordedAtEnd - recordedAtStart) / seconds, seconds, modules, total, WARM_UP_SECONDS);
        }
        return run;
    }

    /** How Qpid JMS gives the message id of an AMQP 0-9-1 publisher ({@code JMSMessageID}), before the id. */
    static final String RECORDED_0_9_1 = "ID:AMQP_NO_PREFIX:";

    /** Modules of the original system on one queue, over AMQP 0-9-1: they publish heartbeats to it, or consume it. */
    private static final class Fleet implements AutoCloseable {
        /** Heartbeats published, then confirmed by the broker, at a time. */
        static final int BATCH = 500;

        private final String queue;
        private final com.rabbitmq.client.Connection connection;
        private final com.rabbitmq.client.Channel publishing;
        private final com.rabbitmq.client.Channel consuming;
        private final AtomicInteger unrouted = new AtomicInteger();

        Fleet(String queue) throws Exception {
            URI amqp = URI.create(System.getProperty("it.amqp.url", "amqp://127.0.0.1:5672"));
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(amqp.getHost());
            factory.setPort(amqp.getPort() > 0 ? amqp.getPort() : 5672);
            factory.setUsername(System.getProperty("it.amqp.user", "guest"));
            factory.setPassword(System.getProperty("it.amqp.password", "guest"));
            this.queue = queue;
            this.connection = factory.newConnection("openaperture-bench-fleet");
            this.publishing = connection.createChannel();
            this.publishing.confirmSelect();
            this.publishing.addReturnListener(returned -> unrouted.incrementAndGet());
            this.consuming = connection.createChannel();
        }

        /** Consumes the queue as a module does, acknowledging each message (at most 100 unacknowledged). */
        void consume() throws Exception {
            consuming.basicQos(100);
            consuming.basicConsume(queue, false, new com.rabbitmq.client.DefaultConsumer(consuming) {
                @Override
                public void handleDelivery(
                        String tag, com.rabbitmq.client.Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws java.io.IOException {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
        }

        void publish(String heartbeat, String messageId) throws Exception {
            publishing.basicPublish(
                    "AWS",
                    "aws.us-east-1.system_modules",
                    true,
                    new AMQP.BasicProperties.Builder()
                            .deliveryMode(2)
                            .contentType("application/json")
                            .messageId(messageId)
                            .build(),
                    heartbeat.getBytes(StandardCharsets.UTF_8));
        }

        /** Waits for the broker to confirm every heartbeat published; a refused or unrouted one fails the run. */
        void confirmed() throws Exception {
            publishing.waitForConfirmsOrDie(TimeUnit.MINUTES.toMillis(5));
            if (unrouted.get() > 0) {
                throw new IllegalStateException(unrouted.get() + " heartbeats not routed to " + queue);
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
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
        // RabbitMQ now and then does not answer a session's end: the connection's close ends it anyway, sooner.
        factory.setCloseTimeout(5_000);
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

    /**
     * Upgrade requests for one system component at a fixed rate, {@code CLIENTS} requests at a time at most: each
     * commits one message to the outbox, which the node publishes to the {@code overseer} queue. The bench
     * consumes that queue as the Overseer module of the original system would (AMQP 0-9-1, each message
     * acknowledged): a queue in service has its consumer, and RabbitMQ confirms a persistent message that is
     * consumed as soon as it is acknowledged, one that waits in a queue nobody reads once it is on disk. The node
     * does not consume it, so the run measures the publish path alone. The node's publish timer gives the
     * percentiles, and the rate is the one the requests were accepted at.
     */
    private static Latency publishLatency(long east) throws Exception {
        ApiClient admin = API.withToken(Tokens.mint("bench-admin", "admin"));
        var component = admin.post(
                "/system_components",
                "{\"messaging_exchange_id\":" + east + ",\"type\":\"bench-" + UUID.randomUUID() + "\","
                        + "\"source_repo\":\"https://github.com/bench/bench.git\",\"source_repo_git_ref\":\"main\","
                        + "\"upgrade_strategy\":\"manual\",\"deployment_repo\":\"https://github.com/bench/bench.git\","
                        + "\"deployment_repo_git_ref\":\"main\"}");
        assertEquals(201, component.status(), component::toString);
        String upgrade = "/system_components/" + component.createdId() + "/upgrade";
        int count = RATE * SECONDS;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (Fleet overseer = new Fleet("aws:us-east-1.overseer")) {
            overseer.consume();
            // Warm-up: the same requests, unmeasured and as fast as they go, so that the figures are of a node past
            // its first calls (its JIT has compiled the request path).
            List<Future<Integer>> warmUp = new ArrayList<>();
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                warmUp.add(clients.submit(() -> admin.post(upgrade, "").status()));
            }
            for (Future<Integer> status : warmUp) {
                assertEquals(204, status.get(), "warm-up of " + upgrade);
            }
            Map<String, Double> before = publishTimer();
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            Semaphore inFlight = new Semaphore(CLIENTS);
            List<Future<?>> sent = new ArrayList<>();
            long started = System.nanoTime();
            long next = started;
            for (int i = 0; i < count; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the load's schedule, not synchronisation
                }
                inFlight.acquire();
                sent.add(clients.submit(() -> {
                    try {
                        var reply = admin.post(upgrade, "");
                        assertEquals(204, reply.status(), reply::toString);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                }));
                next += period;
            }
            for (Future<?> request : sent) {
                request.get();
            }
            double rate = count / ((System.nanoTime() - started) / 1e9);
            Eventually.within(
                    Duration.ofMinutes(2),
                    "every upgrade request published",
                    () -> publishTimer().getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0) >= count);
            return new Latency(rate, publishTimer());
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The {@code openaperture_publish} timer of side primary from /metrics (Prometheus text; the node reports
     * nanoseconds): {@code count}, and the quantiles in milliseconds ({@code p50}, {@code p99}, ...).
     */
    private static Map<String, Double> publishTimer() {
        return timer("openaperture_publish", "side=\"primary\"");
    }

    /**
     * Timer {@code metric} from /metrics, its lines with {@code tag} when that is not null: {@code count},
     * {@code max} and the quantiles, in milliseconds.
     */
    private static Map<String, Double> timer(String metric, String tag) {
        // The metrics endpoint answers Prometheus text only (406 to a request that accepts JSON alone).
        String body = API.as("viewer")
                .send("GET", "/metrics?scope=application", null, null, "text/plain")
                .body();
        Map<String, Double> timer = new TreeMap<>();
        Pattern quantile = Pattern.compile("quantile=\"0\\.([0-9]+)\"");
        for (String line : body.split("\n")) {
            boolean ofMetric = line.startsWith(metric + "{") || line.startsWith(metric + "_");
            if (!ofMetric || (tag != null && !line.contains(tag))) {
                continue;
            }
            double value =
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            String name = line.substring(0, line.contains("{") ? line.indexOf('{') : line.indexOf(' '));
            Matcher q = quantile.matcher(line);
            if (name.endsWith("_count")) {
                timer.put("count", value);
            } else if (name.contains("_max")) {
                timer.put("max", value / 1e6);
            } else if (name.endsWith("_sum")) {
                timer.put("sum", value * 1e3); // seconds here
            } else if (q.find()) {
                String digits = q.group(1);
                timer.put("p" + (digits.length() == 1 ? digits + "0" : digits), value / 1e6);
            }
        }
        return timer;
    }
}
