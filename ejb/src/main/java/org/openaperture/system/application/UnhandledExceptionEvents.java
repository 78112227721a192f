package org.openaperture.system.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;

/**
 * The {@code unhandled_exception} system event a component raises when a request failed unexpectedly, as the
 * original did: unique (once an hour), severity {@code error}, data {@code {component, exchange_id, hostname}}
 * plus what the component adds. Raising it never fails the caller: a problem is only logged.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnhandledExceptionEvents {
    private static final Logger LOG = System.getLogger(UnhandledExceptionEvents.class.getName());

    @Inject
    SystemEventService events;

    @Inject
    NodeConfig node;

    @Inject
    ExchangeService exchanges;

    public void raise(String component, String message, Map<String, String> extraData) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("component", component)
                .add(
                        "exchange_id",
                        exchanges
                                .findByIdOrName(node.exchange())
                                .map(Exchange::id)
                                .orElse(-1L))
                .add("hostname", node.hostname());
        extraData.forEach(data::add);
        JsonObject built = data.build();
        try {
            events.raise("unhandled_exception", "error", message, built, true);
        } catch (DuplicateEntityException repeated) {
            LOG.log(Level.DEBUG, "unhandled_exception already raised in the last hour: {0}", built);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not raise an unhandled_exception event: " + e.getMessage());
        }
    }
}
