package org.openaperture.manager.interfaces.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.openaperture.common.infrastructure.AppMetrics;

/** The timer {@code openaperture_http_requests}, one series per method, route template and status. */
@ApplicationScoped
public class RouteTimers {
    static final String TIMER = "openaperture_http_requests";
    static final String DESCRIPTION = "Requests to the Manager API by method, route template and status";

    @Inject
    AppMetrics metrics;

    void record(String method, String route, int status, Duration took) {
        metrics.time(TIMER, DESCRIPTION, took, "method", method, "route", route, "status", Integer.toString(status));
    }
}
