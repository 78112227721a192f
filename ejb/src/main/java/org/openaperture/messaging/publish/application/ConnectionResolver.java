package org.openaperture.messaging.publish.application;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.openaperture.messaging.publish.domain.NoRouteException;
import org.openaperture.messaging.registry.application.MessagingDirectory;
import org.openaperture.messaging.registry.application.MessagingDirectory.BrokerRestriction;
import org.openaperture.messaging.registry.application.MessagingDirectory.DirectoryExchange;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/**
 * The connection-resolution rule, in one place (messaging.md §5.4, with the restriction-id bug fixed): a
 * message from a node (its broker, its exchange) to a destination exchange goes through
 * <ol>
 *   <li>a broker the destination exchange is restricted to, picked at random; else</li>
 *   <li>a broker the source exchange is restricted to, picked at random (logged: it may not reach the
 *       destination); else</li>
 *   <li>the node's own broker ({@code openaperture.node.broker}); a node that names none sends through the
 *       resource adapter's own connection, without failover.</li>
 * </ol>
 * A restriction names its broker by {@code messaging_broker_id}; the original used the restriction row's own
 * id. Of the chosen broker one connection is picked at random; the failover broker's connection is attached
 * when the broker has a failover broker. The routing key comes from the exchange hierarchy.
 */
@Dependent
public class ConnectionResolver {
    private static final Logger LOG = System.getLogger(ConnectionResolver.class.getName());

    private final MessagingDirectory directory;
    private final Random random;

    @Inject
    public ConnectionResolver(MessagingDirectory directory) {
        this(directory, new Random());
    }

    public ConnectionResolver(MessagingDirectory directory, Random random) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Where a message for {@code logicalQueue} in {@code destinationExchangeId} goes when sent from a node
     * in {@code sourceExchangeId} whose own broker is {@code ownBrokerId} (null: the node has none).
     *
     * @throws NoRouteException when no broker or no connection can be found, naming what is missing
     * @throws org.openaperture.common.domain.UnknownEntityException for an exchange or broker not in the model
     */
    public PublishTarget resolve(
            Long ownBrokerId, long sourceExchangeId, long destinationExchangeId, String logicalQueue) {
        DirectoryExchange destination = directory.exchange(destinationExchangeId);
        Long chosen = brokerFor(ownBrokerId, sourceExchangeId, destination);
        if (chosen == null) {
            return PublishTarget.viaNodeDefault(
                    destination.route().rootExchangeName(), destination.route().routingKeyFor(logicalQueue));
        }
        long brokerId = chosen;
        ConnectionOptions connection = anyConnectionOf(brokerId)
                .orElseThrow(() -> new NoRouteException("broker " + brokerId + " has no connections; add one"
                        + " (POST /messaging/brokers/" + brokerId + "/connections) to reach exchange "
                        + destination.name()));
        ConnectionOptions failover = failoverConnection(brokerId);
        DirectoryExchange failoverExchange = destination.failoverExchangeId() == null
                ? destination
                : directory.exchange(destination.failoverExchangeId());
        return new PublishTarget(
                destination.route().rootExchangeName(),
                destination.route().routingKeyFor(logicalQueue),
                connection,
                failover,
                failoverExchange.route().rootExchangeName(),
                failoverExchange.route().routingKeyFor(logicalQueue));
    }

    /** The broker to use; null for the node's default connection. */
    private Long brokerFor(Long ownBrokerId, long sourceExchangeId, DirectoryExchange destination) {
        List<BrokerRestriction> toDestination = directory.restrictions(destination.id());
        if (!toDestination.isEmpty()) {
            return pick(toDestination).brokerId();
        }
        List<BrokerRestriction> fromSource = directory.restrictions(sourceExchangeId);
        if (!fromSource.isEmpty()) {
            long brokerId = pick(fromSource).brokerId();
            LOG.log(
                    Level.WARNING,
                    "exchange {0} has no broker restrictions; using broker {1} of the source exchange {2},"
                            + " which may not reach it",
                    destination.name(),
                    brokerId,
                    sourceExchangeId);
            return brokerId;
        }
        return ownBrokerId;
    }

    private ConnectionOptions failoverConnection(long brokerId) {
        Long failoverBrokerId = directory.broker(brokerId).failoverBrokerId();
        if (failoverBrokerId == null) {
            return null;
        }
        return anyConnectionOf(failoverBrokerId).orElseGet(() -> {
            LOG.log(
                    Level.WARNING,
                    "failover broker {0} of broker {1} has no connections; publishing without failover",
                    failoverBrokerId,
                    brokerId);
            return null;
        });
    }

    private Optional<ConnectionOptions> anyConnectionOf(long brokerId) {
        List<ConnectionOptions> connections = directory.connections(brokerId);
        return connections.isEmpty() ? Optional.empty() : Optional.of(pick(connections));
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
