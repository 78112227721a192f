package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.application.SystemEventService;

/**
 * Handles a message of the {@code overseer} queue (components.md §8.4): {@code {"action": "upgrade_request",
 * "options": {"component_type": "<type>"}}} asks for an upgrade of that component of this node's exchange;
 * any other action is logged. The message is always acknowledged: a failure that starting the upgrade
 * raises marks the upgrade failed (its own transaction) and any other failure becomes an
 * {@code unhandled_exception} system event, as in the original. A redelivered request is harmless: while
 * an upgrade runs, a request changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OverseerRequests {
    private static final Logger LOG = System.getLogger(OverseerRequests.class.getName());

    @Inject
    Upgrades upgrades;

    @Inject
    ExchangeService exchanges;

    @Inject
    SystemEventService events;

    @Inject
    NodeConfig node;

    /** What the request came to; empty when it was not an upgrade request or could not be handled. */
    public Optional<Upgrades.Outcome> handle(String body) {
        String type = null;
        Long exchangeId = null;
        try {
            JsonObject request = JSON.createReader(new StringReader(body)).readObject();
            String action = request.get("action") instanceof JsonString a ? a.getString() : null;
            if (!SystemComponentService.UPGRADE_REQUEST.equals(action)) {
                LOG.log(Level.INFO, "ignoring overseer request with action {0}", action);
                return Optional.empty();
            }
            type = request.get("options") instanceof JsonObject options
                            && options.get("component_type") instanceof JsonString t
                    ? t.getString()
                    : null;
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("upgrade_request without options.component_type");
            }
            exchangeId = exchanges
                    .findByIdOrName(node.exchange())
                    .map(Exchange::id)
                    .orElseThrow(() -> new IllegalStateException(
                            "this node's exchange " + node.exchange() + " is not in the messaging model"));
        } catch (RuntimeException e) {
            unhandled(e);
            return Optional.empty();
        }
        try {
            return Optional.of(upgrades.request(exchangeId, type));
        } catch (RuntimeException e) {
            String reason = "Upgrade could not be started: " + rootMessage(e);
            LOG.log(Level.WARNING, type + " of exchange " + exchangeId + ": " + reason, e);
            try {
                upgrades.fail(exchangeId, type, reason);
            } catch (RuntimeException alsoFailed) {
                unhandled(alsoFailed);
            }
            return Optional.empty();
        }
    }

    private void unhandled(RuntimeException e) {
        LOG.log(Level.WARNING, "overseer request failed: " + rootMessage(e), e);
        try {
            events.raise(
                    "unhandled_exception",
                    "error",
                    "Overseer: " + rootMessage(e),
                    JSON.createObjectBuilder()
                            .add("component", "overseer")
                            .add("exchange_id", node.exchange())
                            .add("hostname", node.hostname())
                            .build(),
                    false);
        } catch (RuntimeException notRecorded) {
            LOG.log(Level.ERROR, "could not record the overseer's unhandled exception: " + notRecorded, notRecorded);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
