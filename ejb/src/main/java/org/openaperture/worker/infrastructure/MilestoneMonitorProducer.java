package org.openaperture.worker.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.worker.application.MilestoneMonitor;

/**
 * The one {@link MilestoneMonitor} of the Builder and the Deployer, on the server's managed scheduled executor,
 * with its periods from MicroProfile Config ({@code openaperture.workers.*}, ISO-8601 durations; {@code PT0S}
 * switches a warning off).
 */
@ApplicationScoped
public class MilestoneMonitorProducer {
    private static final Logger LOG = System.getLogger(MilestoneMonitorProducer.class.getName());
    public static final String WARN_WORKFLOW_AFTER = "openaperture.workers.warn-workflow-after";
    public static final String WARN_MILESTONE_AFTER = "openaperture.workers.warn-milestone-after";
    public static final String WARN_CHECK_INTERVAL = "openaperture.workers.warn-check-interval";

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = WARN_WORKFLOW_AFTER, defaultValue = "PT25M")
    String workflowEvery;

    @Inject
    @ConfigProperty(name = WARN_MILESTONE_AFTER, defaultValue = "PT15M")
    String milestoneEvery;

    @Inject
    @ConfigProperty(name = WARN_CHECK_INTERVAL, defaultValue = "PT10S")
    String checkEvery;

    @Produces
    @Singleton
    MilestoneMonitor monitor() {
        MilestoneMonitor monitor = new MilestoneMonitor(
                scheduler,
                duration(WARN_WORKFLOW_AFTER, workflowEvery),
                duration(WARN_MILESTONE_AFTER, milestoneEvery),
                duration(WARN_CHECK_INTERVAL, checkEvery),
                Clock.systemUTC());
        LOG.log(
                Level.INFO,
                "milestone warnings every {0} of workflow time and every {1} in a milestone, checked every {2}",
                monitor.workflowEvery(),
                monitor.milestoneEvery(),
                monitor.checkEvery());
        return monitor;
    }

    /** An ISO-8601 duration; a wrong value fails with the key and what to write. */
    static Duration duration(String key, String text) {
        return WARN_CHECK_INTERVAL.equals(key)
                ? IsoDurations.positive(key, text, EXAMPLE)
                : IsoDurations.parse(key, text, EXAMPLE);
    }

    private static final String EXAMPLE = "PT15M (PT0S: no such warning)";
}
