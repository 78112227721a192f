package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.AmqpSender;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Heartbeats;

/**
 * A thousand modules heartbeat over AMQP to the node's system_modules queue and are all listed; when a
 * hundred of them fall silent they turn inactive and then disappear, each change a system event, while
 * the other nine hundred stay active. The e2e server runs with short thresholds (pom: e2e.modules.*).
 */
class LivenessIT {
    private static final String ROUTING_KEY = "aws.us-east-1.system_modules";
    private static final int MODULES = 1_000;
    private static final int SILENCED = 100;
    private static final Duration INACTIVE_AFTER =
            Duration.parse(System.getProperty("it.modules.inactive-after", "PT10S"));
    private static final Duration REMOVE_AFTER = Duration.parse(System.getProperty("it.modules.remove-after", "PT20S"));
    /** How often the simulated modules that stay alive heartbeat: half the inactivity threshold. */
    private static final Duration HEARTBEAT = INACTIVE_AFTER.dividedBy(2);

    @Test
    void aThousandHeartbeatingModulesAreListedAndTheHundredThatFallSilentTurnInactiveThenDisappear() {
        long usEast =
                Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", Server.ADMIN.ensureExchange("AWS", "aws", null));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> hostnames = IntStream.range(0, MODULES)
                .mapToObj(i -> String.format("liveness-%s-%04d", run, i))
                .toList();
        List<String> silenced = hostnames.subList(0, SILENCED);
        List<String> alive = hostnames.subList(SILENCED, MODULES);

        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (AmqpSender sender = AmqpSender.to("AWS", ROUTING_KEY)) {
            long start = System.nanoTime();
            hostnames.forEach(h -> sender.send(Heartbeats.status(h)));
            long published = System.nanoTime();
            // The hundred never heartbeat again; the others keep going.
            heartbeats.scheduleAtFixedRate(
                    () -> alive.forEach(h -> sender.send(Heartbeats.status(h))),
                    HEARTBEAT.toMillis(),
                    HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);

            Eventually.within(Duration.ofSeconds(30), "all " + MODULES + " modules listed", () -> modules(usEast)
                    .keySet()
                    .containsAll(hostnames));
            long listed = System.nanoTime();
            System.out.printf(
                    "liveness: %d heartbeats published over AMQP in %d ms, all listed after %d ms%n",
                    MODULES, millis(start, published), millis(start, listed));

            Eventually.within(INACTIVE_AFTER.plusSeconds(30), SILENCED + " silent modules inactive", () -> statuses(
                            modules(usEast), silenced)
                    .equals(Map.of("inactive", (long) SILENCED)));
            long inactive = System.nanoTime();
            assertEquals(
                    Map.of("active", (long) alive.size()), statuses(modules(usEast), alive), "the others stay active");

            Eventually.within(REMOVE_AFTER.plusSeconds(30), SILENCED + " silent modules removed", () -> statuses(
                            modules(usEast), silenced)
                    .isEmpty());
            long removed = System.nanoTime();
            assertEquals(Map.of("active", (long) alive.size()), statuses(modules(usEast), alive), "the others stay");

            assertEquals(SILENCED, eventsFor("module_inactive", silenced), "one module_inactive event each");
            assertEquals(SILENCED, eventsFor("module_removed", silenced), "one module_removed event each");
            System.out.printf(
                    "liveness: %d heartbeats published over AMQP in %d ms; all listed %d ms after the first;"
                            + " %d silent modules inactive %d ms and removed %d ms after their last heartbeat"
                            + " (thresholds %s / %s)%n",
                    MODULES,
                    millis(start, published),
                    millis(start, listed),
                    SILENCED,
                    millis(published, inactive),
                    millis(published, removed),
                    INACTIVE_AFTER,
                    REMOVE_AFTER);
        } finally {
            heartbeats.shutdownNow();
        }
    }

    /**
     * Every module of the exchange by hostname. The plain list, one snapshot: paging while the sweep removes
     * rows would shift the pages and skip some.
     */
    private static Map<String, JsonObject> modules(long exchange) {
        return Server.VIEWER
                .get("/messaging/exchanges/" + exchange + "/modules")
                .array()
                .getValuesAs(JsonObject.class)
                .stream()
                .collect(Collectors.toMap(m -> m.getString("hostname"), m -> m, (a, b) -> b));
    }

    /** How many of {@code hostnames} are listed per status. */
    private static Map<String, Long> statuses(Map<String, JsonObject> modules, List<String> hostnames) {
        return hostnames.stream()
                .map(modules::get)
                .filter(m -> m != null)
                .collect(Collectors.groupingBy(m -> m.getString("status"), Collectors.counting()));
    }

    private static long eventsFor(String type, List<String> hostnames) {
        return Server.VIEWER
                .get("/system_events?lookback=1&type=" + type)
                .array()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> "warning".equals(e.getString("severity")))
                .map(e -> e.getJsonObject("data").getString("hostname"))
                .filter(hostnames::contains)
                .count();
    }

    private static long millis(long from, long to) {
        return Duration.ofNanos(to - from).toMillis();
    }

    static {
        assertTrue(REMOVE_AFTER.compareTo(INACTIVE_AFTER) > 0, "remove-after must be longer than inactive-after");
    }
}
