package org.openaperture.manager.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.openaperture.messaging.publish.application.FailoverMonitor;
import org.openaperture.messaging.publish.infrastructure.BrokerConnectionFactoryLookup;

/**
 * Ready when a connection from the adapter's pooled connection factory opens, or, while that broker is lost,
 * when this node's publishers or consumers have switched to a failover broker: the data then says which
 * ({@code on_failover}: {@code publisher:<broker id>} and {@code consumer:<queue>} with where they went).
 * The factory is looked up at each check, not injected, because on Payara Server its pool is created after
 * the application is deployed.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    private static final int TIMEOUT_SECONDS = 5;

    @Inject
    BrokerConnectionFactoryLookup factories;

    @Resource
    ManagedExecutorService executor;

    @Inject
    FailoverMonitor failovers;

    @Override
    public HealthCheckResponse call() {
        return BoundedCheck.within(executor, "broker", TIMEOUT_SECONDS, this::check);
    }

    private HealthCheckResponse check() {
        String connectionFactoryName = factories.name();
        var response = HealthCheckResponse.named("broker").withData("connection_factory", connectionFactoryName);
        var onFailover = failovers.onFailover();
        onFailover.forEach((name, where) ->
                response.withData(name.toLowerCase(), "on failover " + where.to() + " since " + where.since()));
        ConnectionFactory factory;
        try {
            factory = factories.connectionFactory();
        } catch (IllegalStateException e) {
            return response.down()
                    .withData("error", connectionFactoryName + " is not configured")
                    .build();
        }
        try (Connection connection = factory.createConnection()) {
            return response.up().build();
        } catch (JMSException | RuntimeException e) {
            response.withData("error", String.valueOf(e.getMessage()));
            return onFailover.isEmpty()
                    ? response.down().build()
                    : response.up().build();
        }
    }
}
