package org.openaperture.manager.interfaces.rest;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.registry.application.ExchangeService.RoutedExchange;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;
import org.openaperture.messaging.registry.domain.ExchangeModule;

/** The JSON of exchanges and exchange modules, in and out. */
public final class ExchangeJson {

    /** Words of a topic routing key: no spaces, no wildcards, dots only between words. */
    static final String FRAGMENT = "[A-Za-z0-9_:-]+(\\.[A-Za-z0-9_:-]+)*";

    static final String FRAGMENT_RULE = "must be words of letters, digits, '-', '_' or ':' separated by single dots";

    private ExchangeJson() {}

    public record ExchangeRequest(
            @NotBlank @Size(max = 1024) String name,
            @Size(max = 255) @Pattern(regexp = FRAGMENT, message = FRAGMENT_RULE) String routingKeyFragment,
            @Positive Long parentExchangeId,
            @Positive Long failoverExchangeId) {}

    public record ExchangeResponse(
            Long id,
            String name,
            Long failoverExchangeId,
            Long parentExchangeId,
            String routingKeyFragment,
            String routingKey,
            String rootExchangeName,
            String insertedAt,
            String updatedAt) {
        public static ExchangeResponse of(RoutedExchange routed) {
            Exchange e = routed.exchange();
            Route route = routed.route();
            return new ExchangeResponse(
                    e.id(),
                    e.name(),
                    e.failoverExchangeId(),
                    e.parentExchangeId(),
                    e.routingKeyFragment(),
                    route.routingKey(),
                    route.rootExchangeName(),
                    Timestamps.rfc1123(e.insertedAt()),
                    Timestamps.rfc1123(e.updatedAt()));
        }
    }

    public record ModuleResponse(
            Long id,
            Long messagingExchangeId,
            String hostname,
            String type,
            String status,
            JsonValue workload,
            String sourceRepo,
            String sourceRepoGitRef,
            String deploymentRepo,
            String deploymentRepoGitRef,
            String insertedAt,
            String updatedAt) {
        public static ModuleResponse of(ExchangeModule m) {
            return new ModuleResponse(
                    m.id(),
                    m.exchangeId(),
                    m.hostname(),
                    m.type(),
                    m.status(),
                    JSON.createReader(new StringReader(m.workloadJson())).readValue(),
                    m.sourceRepo(),
                    m.sourceRepoGitRef(),
                    m.deploymentRepo(),
                    m.deploymentRepoGitRef(),
                    Timestamps.rfc1123(m.insertedAt()),
                    Timestamps.rfc1123(m.updatedAt()));
        }
    }
}
