package org.openaperture.overseer.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.ApplicationMetrics;
import org.openaperture.node.NodeConfig;
import org.openaperture.overseer.application.HeartbeatPublisher;
import org.openaperture.overseer.application.LivenessSettings;
import org.openaperture.overseer.application.ModuleLiveness;

/**
 * Runs this node's heartbeats and the liveness sweep on the server's managed scheduled executor, at
 * intervals from MicroProfile Config ({@code @Schedule} cannot read configuration; a programmatic EJB
 * interval timer in this application switched off the MP-JWT role checks of the Manager API on Payara
 * 6.2025.10, so it is not used). Nothing is persisted: a restarted node simply starts again.
 * While the node's exchange is not in the model, one warning is logged and both keep trying.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LivenessTimers {
    private static final Logger LOG = System.getLogger(LivenessTimers.class.getName());
    private static final String HEARTBEAT = "heartbeat";
    private static final String SWEEP = "sweep";
    static final String SWEEP_TIMER = "openaperture_liveness_sweep";

    @Inject
    ApplicationMetrics metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    HeartbeatPublisher heartbeats;

    @Inject
    ModuleLiveness liveness;

    @Inject
    NodeConfig node;

    @Inject
    @ConfigProperty(name = LivenessSettings.HEARTBEAT_INTERVAL, defaultValue = "PT30S")
    String heartbeatInterval;

    @Inject
    @ConfigProperty(name = LivenessSettings.INACTIVE_AFTER, defaultValue = "PT10M")
    String inactiveAfter;

    @Inject
    @ConfigProperty(name = LivenessSettings.REMOVE_AFTER, defaultValue = "PT20M")
    String removeAfter;

    @Inject
    @ConfigProperty(name = LivenessSettings.SWEEP_INTERVAL, defaultValue = "PT30S")
    String sweepInterval;

    @Inject
    @ConfigProperty(name = LivenessSettings.EVENTS_PER_SWEEP, defaultValue = "100")
    int eventsPerSweep;

    private LivenessSettings settings;
    private final AtomicBoolean warnedNoExchange = new AtomicBoolean();
    private RepeatedTasks tasks;

    @PostConstruct
    void start() {
        settings = LivenessSettings.parse(heartbeatInterval, inactiveAfter, removeAfter, sweepInterval, eventsPerSweep);
        tasks = new RepeatedTasks(scheduler, LOG);
        // The first heartbeat goes out at once: it registers this node's modules.
        tasks.every(HEARTBEAT, Duration.ofSeconds(1), settings.heartbeatInterval(), () -> run(HEARTBEAT));
        Duration sweep = settings.sweepInterval();
        tasks.every(SWEEP, sweep, sweep, () -> run(SWEEP));
        LOG.log(
                Level.INFO,
                "heartbeats for {0} as {1} every {2}; modules inactive after {3}, removed after {4}, swept every {5}",
                node.components(),
                node.hostname(),
                settings.heartbeatInterval(),
                settings.inactiveAfter(),
                settings.removeAfter(),
                settings.sweepInterval());
    }

    @PreDestroy
    void stop() {
        if (tasks != null) {
            tasks.cancelAll();
        }
    }

    private void run(String task) {
        boolean exchangeKnown = HEARTBEAT.equals(task) ? heartbeats.publish().isPresent() : sweep();
        if (!exchangeKnown && warnedNoExchange.compareAndSet(false, true)) {
            LOG.log(
                    Level.WARNING,
                    "this node''s exchange {0} (openaperture.node.exchange) is not in the messaging model:"
                            + " no heartbeats or liveness sweeps until it is created; trying again every interval",
                    node.exchange());
        } else if (exchangeKnown && warnedNoExchange.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "exchange {0} is now in the model: heartbeats and sweeps running", node.exchange());
        }
    }

    /** One sweep, timed; whether the node's exchange is in the model. */
    private boolean sweep() {
        long started = System.nanoTime();
        return liveness.sweep(settings)
                .map(result -> {
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    metrics.time(SWEEP_TIMER, "One liveness sweep of this node's exchange", took);
                    if (result.inactivated() > 0 || result.removed() > 0) {
                        LOG.log(
                                Level.INFO,
                                "liveness sweep: {0} modules turned inactive, {1} removed, in {2} ms",
                                result.inactivated(),
                                result.removed(),
                                took.toMillis());
                    }
                    return true;
                })
                .orElse(false);
    }
}
