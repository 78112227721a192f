package org.openaperture.manager.interfaces.observability;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts and times every request per route template ({@code GET /messaging/brokers/{id}}) and status, as
 * the timer {@code openaperture_http_requests} at {@code /metrics}. Templates, not paths, so ids do not
 * make a metric each.
 */
@Provider
public class RouteMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Logger LOG = System.getLogger(RouteMetrics.class.getName());
    static final String STARTED = RouteMetrics.class.getName() + ".started";
    private volatile RouteTimers timers;
    /** Per resource method, so a request does not read annotations again. */
    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        timers().record(
                        request.getMethod(),
                        route(),
                        response.getStatus(),
                        Duration.ofNanos(System.nanoTime() - started));
    }

    /** Looked up on first use: JAX-RS, not CDI, creates this provider. */
    private RouteTimers timers() {
        if (timers == null) {
            timers = CDI.current().select(RouteTimers.class).get();
        }
        return timers;
    }

    private String route() {
        if (resource == null || resource.getResourceClass() == null) {
            return "unmatched";
        }
        Class<?> resourceClass = resource.getResourceClass();
        if (resource.getResourceMethod() == null) {
            return Routes.template(resourceClass, null);
        }
        return templates.computeIfAbsent(
                resource.getResourceMethod(), method -> Routes.template(resourceClass, method));
    }
}
