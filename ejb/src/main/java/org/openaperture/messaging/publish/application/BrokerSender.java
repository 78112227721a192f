package org.openaperture.messaging.publish.application;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openaperture.messaging.publish.domain.BrokerUnavailableException;
import org.openaperture.messaging.publish.domain.Envelope;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/**
 * Sends one message to an exchange of one broker and returns once the broker confirmed it, or starts the send
 * and tells of the confirmation later ({@link #sendAsync}). The adapter
 * behind it owns connections, addresses and timeouts; this port knows brokers, exchanges and keys only.
 */
public interface BrokerSender {

    /**
     * @param connection the broker connection to send through; null for the node's default connection (the
     *                   resource adapter's own settings)
     * @throws BrokerUnavailableException when the broker cannot be reached or did not confirm in time
     * @throws RuntimeException           naming broker, exchange and key for any other refusal
     */
    void send(ConnectionOptions connection, String rootExchange, String routingKey, Envelope message);

    /**
     * Starts a send and returns at once; the stage completes when the broker confirmed the message and fails
     * with the exceptions of {@link #send} when it did not. A sender that cannot send asynchronously sends here,
     * and returns a completed stage.
     */
    default CompletionStage<Void> sendAsync(
            ConnectionOptions connection, String rootExchange, String routingKey, Envelope message) {
        try {
            send(connection, rootExchange, routingKey, message);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
