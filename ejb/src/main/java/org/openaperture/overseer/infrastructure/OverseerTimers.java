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
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.overseer.application.ClusterHealth;
import org.openaperture.overseer.application.HourlyUpgrades;
import org.openaperture.overseer.application.OverseerSettings;
import org.openaperture.overseer.application.UpgradeMonitor;

/**
 * Runs the Overseer's monitors on the server's managed scheduled executor, as {@link LivenessTimers} runs
 * the liveness sweep: the upgrade monitor ({@link UpgradeMonitor}) and the health check of the exchange
 * ({@link ClusterHealth}), at intervals from MicroProfile Config. On a node that is not an Overseer
 * ({@code openaperture.overseer.enabled=false}) nothing is scheduled. Nothing is persisted: what the monitors
 * follow is in the database, so a restarted node takes over where it left off.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OverseerTimers {
    private static final Logger LOG = System.getLogger(OverseerTimers.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    UpgradeMonitor upgrades;

    @Inject
    ClusterHealth health;

    @Inject
    @ConfigProperty(name = OverseerSettings.ENABLED, defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = OverseerSettings.UPGRADE_MONITOR_INTERVAL, defaultValue = "PT1M")
    String upgradeMonitorInterval;

    @Inject
    @ConfigProperty(name = OverseerSettings.HEALTH_INTERVAL, defaultValue = "PT5M")
    String healthInterval;

    private final HourlyUpgrades hourly = HourlyUpgrades.random();
    private RepeatedTasks tasks;

    @PostConstruct
    void start() {
        OverseerSettings settings = OverseerSettings.parse(enabled, upgradeMonitorInterval, healthInterval);
        if (!settings.enabled()) {
            LOG.log(
                    Level.DEBUG,
                    "not an Overseer ({0}=false): no upgrade monitor, no health checks",
                    OverseerSettings.ENABLED);
            return;
        }
        tasks = new RepeatedTasks(scheduler, LOG);
        Duration upgrade = settings.upgradeMonitorInterval();
        Duration check = settings.healthInterval();
        tasks.every("upgrade monitor", upgrade, upgrade, this::followUpgrades);
        tasks.every("health check", check, check, this::checkHealth);
        LOG.log(
                Level.INFO,
                "Overseer: upgrades followed every {0}, health checked every {1}",
                settings.upgradeMonitorInterval(),
                settings.healthInterval());
    }

    @PreDestroy
    void stop() {
        if (tasks != null) {
            tasks.cancelAll();
        }
    }

    private void followUpgrades() {
        upgrades.run(hourly, Instant.now())
                .filter(round -> round.requested() > 0)
                .ifPresent(round ->
                        LOG.log(Level.INFO, "upgrade monitor: {0} hourly upgrades requested", round.requested()));
    }

    private void checkHealth() {
        health.check()
                .filter(raised -> raised > 0)
                .ifPresent(raised -> LOG.log(Level.INFO, "health check: {0} new system events", raised));
    }
}
