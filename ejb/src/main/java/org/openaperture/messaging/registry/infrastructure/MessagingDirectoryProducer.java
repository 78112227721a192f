package org.openaperture.messaging.registry.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.messaging.registry.application.BrokerService;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.MessagingDirectory;

/**
 * Picks where this node reads the messaging model from ({@code openaperture.directory}): {@code database} on a
 * Manager node, {@code manager-api} on a worker node ({@code openaperture.manager.url} and
 * {@code openaperture.manager.token}, kept for {@code openaperture.directory.cache-ttl}).
 */
@ApplicationScoped
public class MessagingDirectoryProducer {

    @Inject
    @ConfigProperty(name = "openaperture.directory", defaultValue = "database")
    String kind;

    @Inject
    @ConfigProperty(name = "openaperture.manager.url")
    Optional<String> managerUrl;

    @Inject
    @ConfigProperty(name = "openaperture.manager.token")
    Optional<String> managerToken;

    @Inject
    @ConfigProperty(name = "openaperture.directory.cache-ttl", defaultValue = "PT5M")
    String cacheTtl;

    @Inject
    ExchangeService exchanges;

    @Inject
    BrokerService brokers;

    @Produces
    @ApplicationScoped
    MessagingDirectory directory() {
        return switch (kind.trim()) {
            case "database" -> new DatabaseMessagingDirectory(exchanges, brokers);
            case "manager-api" ->
                new ManagerApiMessagingDirectory(
                        URI.create(required(managerUrl, "openaperture.manager.url")),
                        required(managerToken, "openaperture.manager.token"),
                        ttl(),
                        Clock.systemUTC());
            default ->
                throw new IllegalStateException("openaperture.directory is " + kind
                        + "; it must be database (a Manager node) or manager-api (a worker node)");
        };
    }

    private Duration ttl() {
        return IsoDurations.parse("openaperture.directory.cache-ttl", cacheTtl, "PT5M");
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() ->
                        new IllegalStateException(key + " must be set when openaperture.directory is manager-api"));
    }
}
