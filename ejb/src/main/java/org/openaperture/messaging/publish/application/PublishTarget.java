package org.openaperture.messaging.publish.application;

import java.util.Objects;
import java.util.Optional;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/**
 * Where one message goes: the root exchange and routing key ({@code <routing key>.<queue>}) on the chosen
 * broker connection, and what to use when that broker is lost: the failover broker's connection (null when
 * the broker has none) and the failover exchange's root and key (the exchange's own when it has no failover
 * exchange). A null {@code connection} means the node's default connection (the resource adapter's own
 * settings), which has no failover. {@link #toString()} carries no password.
 */
public record PublishTarget(
        String rootExchangeName,
        String routingKey,
        ConnectionOptions connection,
        ConnectionOptions failoverConnection,
        String failoverRootExchangeName,
        String failoverRoutingKey) {

    public PublishTarget {
        Objects.requireNonNull(rootExchangeName, "rootExchangeName");
        Objects.requireNonNull(routingKey, "routingKey");
        if (connection == null && failoverConnection != null) {
            throw new IllegalArgumentException("the node's default connection has no failover connection");
        }
        Objects.requireNonNull(failoverRootExchangeName, "failoverRootExchangeName");
        Objects.requireNonNull(failoverRoutingKey, "failoverRoutingKey");
    }

    /** A target sent through the node's default connection, which has no failover. */
    public static PublishTarget viaNodeDefault(String rootExchangeName, String routingKey) {
        return new PublishTarget(rootExchangeName, routingKey, null, null, rootExchangeName, routingKey);
    }

    public Optional<ConnectionOptions> failover() {
        return Optional.ofNullable(failoverConnection);
    }

    @Override
    public String toString() {
        return "exchange " + rootExchangeName + " key " + routingKey + " via "
                + (connection == null ? "the node's default connection" : connection)
                + (failoverConnection == null
                        ? ""
                        : ", failover exchange " + failoverRootExchangeName + " key " + failoverRoutingKey + " via "
                                + failoverConnection);
    }
}
