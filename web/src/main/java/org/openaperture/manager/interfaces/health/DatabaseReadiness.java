package org.openaperture.manager.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a connection of {@code jdbc/openaperture} is had and answers within three seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {
    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/openaperture")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Override
    public HealthCheckResponse call() {
        return BoundedCheck.within(executor, "database", TIMEOUT_SECONDS + 1, this::check);
    }

    private HealthCheckResponse check() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            return response.status(connection.isValid(TIMEOUT_SECONDS))
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
