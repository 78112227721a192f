package org.openaperture.manager.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when a connection from the adapter's pooled connection factory opens. The factory is looked up at
 * each check, not injected, because on Payara Server its pool is created after the application is deployed.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    private static final int TIMEOUT_SECONDS = 5;

    @Inject
    @ConfigProperty(
            name = "openaperture.broker.connection-factory",
            defaultValue = "jms/openaperture/ConnectionFactory")
    String connectionFactoryName;

    @Resource
    ManagedExecutorService executor;

    @Override
    public HealthCheckResponse call() {
        return BoundedCheck.within(executor, "broker", TIMEOUT_SECONDS, this::check);
    }

    private HealthCheckResponse check() {
        var response = HealthCheckResponse.named("broker").withData("connection_factory", connectionFactoryName);
        ConnectionFactory factory;
        try {
            factory = InitialContext.doLookup(connectionFactoryName);
        } catch (NamingException e) {
            return response.down()
                    .withData("error", connectionFactoryName + " is not configured")
                    .build();
        }
        try (Connection connection = factory.createConnection()) {
            return response.up().build();
        } catch (JMSException | RuntimeException e) {
            return response.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
