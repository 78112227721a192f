package org.openaperture.messaging.rpc.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.application.IsoDurations;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;

/**
 * Makes RPC requests to a component of an exchange and waits for the answer ({@link RpcRequester}), with the
 * deadline and poll interval of MicroProfile Config. Never inside a transaction: the request and its message
 * must be committed before the responder can see them, and each read must see what the responder committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RpcClient {
    public static final String TIMEOUT = "openaperture.rpc.timeout";
    public static final String POLL_INTERVAL = "openaperture.rpc.poll-interval";

    @Inject
    RpcRequestService store;

    @Inject
    ExchangeService exchanges;

    @Inject
    @ConfigProperty(name = TIMEOUT, defaultValue = "PT30S")
    String timeout;

    @Inject
    @ConfigProperty(name = POLL_INTERVAL, defaultValue = "PT1S")
    String pollInterval;

    /**
     * Asks {@code component} of exchange {@code exchangeId} and waits for its answer.
     *
     * @return the response body of the answer
     * @throws org.openaperture.common.domain.UnknownEntityException when the exchange does not exist
     * @throws RpcTimeoutException when the component does not answer in time
     * @throws RpcFailedException when it answers with an error
     */
    public JsonValue call(long exchangeId, String component, JsonValue requestBody) {
        Exchange exchange = exchanges.get(exchangeId);
        RpcTarget target = new RpcTarget(exchange.id(), exchange.name(), component);
        return new RpcRequester(store, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), settings())
                .call(target, requestBody);
    }

    RpcRequester.Settings settings() {
        return new RpcRequester.Settings(duration(TIMEOUT, timeout), duration(POLL_INTERVAL, pollInterval));
    }

    private static Duration duration(String key, String value) {
        return IsoDurations.parse(key, value, "PT30S");
    }
}
