package org.openaperture.messaging.registry.application;

import java.util.List;
import org.openaperture.messaging.registry.domain.ConnectionOptions;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

/**
 * The messaging model as every node reads it: exchanges with their routes, brokers, a broker's connections
 * and an exchange's broker restrictions. A Manager node reads its database; a worker node in another geography
 * reads the Manager's REST API. Lookups of an id the model does not have throw
 * {@link org.openaperture.common.domain.UnknownEntityException} naming it; a model that cannot be read throws
 * {@link MessagingDirectoryException}.
 */
public interface MessagingDirectory {

    /** An exchange with where messages for it go. */
    record DirectoryExchange(long id, String name, Route route, Long failoverExchangeId) {}

    /** A broker and the broker to switch to when it is lost (null: none). */
    record DirectoryBroker(long id, String name, Long failoverBrokerId) {}

    /** A restriction row: exchange {@code exchangeId} is reachable only through broker {@code brokerId}. */
    record BrokerRestriction(long id, long exchangeId, long brokerId) {}

    List<DirectoryExchange> exchanges();

    DirectoryExchange exchange(long id);

    DirectoryBroker broker(long id);

    /** The broker's connections with their passwords in plain text; empty when it has none. */
    List<ConnectionOptions> connections(long brokerId);

    /** The exchange's broker restrictions; empty when it is reachable from every broker. */
    List<BrokerRestriction> restrictions(long exchangeId);
}
