package org.openaperture.messaging.publish.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openaperture.common.application.ApplicationMetrics;

/**
 * What is on a failover broker now, for publishers (by broker id) and consumers (by queue), and the record
 * of every switch: a system event ({@value #FAILED_OVER} or {@value #FAILED_BACK}), the counter
 * {@code openaperture_broker_switches} (tags {@code role} publisher|consumer, {@code to} failover|primary)
 * and a log line. The readiness check shows {@link #onFailover()}.
 */
@ApplicationScoped
public class FailoverMonitor {
    private static final Logger LOG = System.getLogger(FailoverMonitor.class.getName());
    public static final String FAILED_OVER = "broker_failover";
    public static final String FAILED_BACK = "broker_failback";
    static final String SWITCHES = "openaperture_broker_switches";
    static final String SWITCHES_DESCRIPTION = "Switches to a failover broker and back, by publishers and by consumers";

    /** Who switched. */
    public enum Role {
        PUBLISHER,
        CONSUMER
    }

    /** One thing now on its failover broker: a publisher's broker or a consumer's queue, since when, to where. */
    public record OnFailover(Role role, String name, String to, Instant since) {}

    private final Map<String, OnFailover> onFailover = new ConcurrentHashMap<>();

    @Inject
    Event<BrokerSwitched> switches;

    @Inject
    ApplicationMetrics metrics;

    /**
     * Records a switch of {@code role} {@code name} (a broker id, a queue) from {@code from} to {@code to}
     * (safe descriptions, never a password); {@code failedOver} false is a switch back to the primary.
     */
    public void switched(Role role, String name, String from, String to, boolean failedOver, String reason) {
        String key = role + ":" + name;
        if (failedOver) {
            onFailover.put(key, new OnFailover(role, name, to, Instant.now()));
        } else {
            onFailover.remove(key);
        }
        String what = role == Role.PUBLISHER ? "publishing for broker " + name : "consuming queue " + name;
        metrics.count(
                SWITCHES,
                SWITCHES_DESCRIPTION,
                "role",
                role.name().toLowerCase(),
                "to",
                failedOver ? "failover" : "primary");
        try {
            switches.fire(new BrokerSwitched(
                    failedOver ? FAILED_OVER : FAILED_BACK,
                    failedOver ? "warning" : "info",
                    what + (failedOver ? " switched to the failover: " : " is back on the primary: ") + from + " -> "
                            + to + (reason == null ? "" : " (" + reason + ")"),
                    JSON.createObjectBuilder()
                            .add("role", role.name().toLowerCase())
                            .add("name", name)
                            .add("from", from)
                            .add("to", to)
                            .build()));
        } catch (RuntimeException e) {
            // The switch happened whatever the database says; the log line and the counter still show it.
            LOG.log(Level.WARNING, "could not record a system event for the switch of " + what + ": " + e.getMessage());
        }
    }

    /** Everything now on a failover broker, by role and name. */
    public Map<String, OnFailover> onFailover() {
        return new TreeMap<>(onFailover);
    }
}
