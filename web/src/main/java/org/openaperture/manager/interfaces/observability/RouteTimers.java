package org.openaperture.manager.interfaces.observability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The timer {@code openaperture_http_requests}, one series per method, route template and status. */
@ApplicationScoped
public class RouteTimers {
    static final Metadata TIMER = Metadata.builder()
            .withName("openaperture_http_requests")
            .withDescription("Requests to the Manager API by method, route template and status")
            .build();

    @Inject
    MetricRegistry registry;

    void record(String method, String route, int status, Duration took) {
        registry.timer(
                        TIMER,
                        new Tag("method", method),
                        new Tag("route", route),
                        new Tag("status", Integer.toString(status)))
                .update(took);
    }
}
