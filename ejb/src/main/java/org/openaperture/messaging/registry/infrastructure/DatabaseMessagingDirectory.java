package org.openaperture.messaging.registry.infrastructure;

import java.util.List;
import java.util.Objects;
import org.openaperture.messaging.registry.application.BrokerService;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ExchangeService.RoutedExchange;
import org.openaperture.messaging.registry.application.MessagingDirectory;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.BrokerConnection;
import org.openaperture.messaging.registry.domain.ConnectionOptions;

/** The messaging model of a Manager node: read from its own database, always current, never cached. */
public class DatabaseMessagingDirectory implements MessagingDirectory {
    private final ExchangeService exchanges;
    private final BrokerService brokers;

    public DatabaseMessagingDirectory(ExchangeService exchanges, BrokerService brokers) {
        this.exchanges = Objects.requireNonNull(exchanges, "exchanges");
        this.brokers = Objects.requireNonNull(brokers, "brokers");
    }

    @Override
    public List<DirectoryExchange> exchanges() {
        return exchanges.listWithRoutes().stream()
                .map(DatabaseMessagingDirectory::entry)
                .toList();
    }

    @Override
    public DirectoryExchange exchange(long id) {
        return entry(exchanges.getWithRoute(id));
    }

    @Override
    public DirectoryBroker broker(long id) {
        Broker broker = brokers.get(id);
        return new DirectoryBroker(broker.id(), broker.name(), broker.failoverBrokerId());
    }

    @Override
    public List<ConnectionOptions> connections(long brokerId) {
        return brokers.connections(brokerId).stream().map(this::options).toList();
    }

    @Override
    public List<BrokerRestriction> restrictions(long exchangeId) {
        return exchanges.restrictions(exchangeId).stream()
                .map(r -> new BrokerRestriction(r.id(), r.exchangeId(), r.brokerId()))
                .toList();
    }

    private ConnectionOptions options(BrokerConnection c) {
        return new ConnectionOptions(
                c.id(), c.brokerId(), c.host(), c.port(), c.virtualHost(), c.username(), brokers.password(c));
    }

    private static DirectoryExchange entry(RoutedExchange routed) {
        return new DirectoryExchange(
                routed.exchange().id(),
                routed.exchange().name(),
                routed.route(),
                routed.exchange().failoverExchangeId());
    }
}
