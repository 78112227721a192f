package org.openaperture.common.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.openaperture.common.application.ApplicationMetrics;

/**
 * The application's timers and counters, recorded in MicroProfile Metrics when the server has it (Payara) and
 * dropped otherwise (WildFly 39 no longer ships MicroProfile Metrics). Nothing else in the application refers to
 * the Metrics API, so the same EAR deploys on both servers. Tags are given as name, value pairs.
 */
@ApplicationScoped
public class AppMetrics implements ApplicationMetrics {
    private static final Logger LOG = System.getLogger(AppMetrics.class.getName());
    static final String REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";

    /** The beans this one sees, as an injection point would: where the registry is looked up. */
    @Inject
    Instance<Object> beans;

    private volatile MicroProfileMetrics delegate;

    @PostConstruct
    void init() {
        try {
            Class<?> registry = Class.forName(REGISTRY, false, AppMetrics.class.getClassLoader());
            delegate = new MicroProfileMetrics(beans.select(registry).get());
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            LOG.log(
                    Level.INFO,
                    "MicroProfile Metrics is not available on this server: application metrics are not recorded (" + e
                            + ")");
        }
    }

    /** Adds one observation of {@code took} to timer {@code name}. */
    @Override
    public void time(String name, String description, Duration took, String... tags) {
        MicroProfileMetrics metrics = delegate;
        if (metrics != null) {
            metrics.time(name, description, took, tags);
        }
    }

    /** Adds one to counter {@code name}. */
    @Override
    public void count(String name, String description, String... tags) {
        MicroProfileMetrics metrics = delegate;
        if (metrics != null) {
            metrics.count(name, description, tags);
        }
    }

    /** Whether metrics are recorded on this server. */
    public boolean recording() {
        return delegate != null;
    }
}
