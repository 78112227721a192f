package org.openaperture.messaging.registry.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.common.domain.NodeNotReadyException;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;

/** This node's exchange and broker as rows of the messaging model. */
@Stateless
public class NodeIdentity {

    @Inject
    NodeConfig config;

    @Inject
    ExchangeService exchanges;

    @Inject
    @ConfigProperty(name = "openaperture.node.broker")
    Optional<String> broker;

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    /** The id of this node's exchange; fails with what to do when the model does not have it. */
    public long exchangeId() {
        return exchanges
                .findByIdOrName(config.exchange())
                .map(Exchange::id)
                .orElseThrow(() -> new NodeNotReadyException("this node's exchange " + config.exchange()
                        + " (openaperture.node.exchange) is not in the messaging model; create it first"));
    }

    /** The id of this node's broker, when one is configured ({@code openaperture.node.broker}, id or name). */
    public Optional<Long> brokerId() {
        return broker.filter(b -> !b.isBlank())
                .map(b -> b.chars().allMatch(Character::isDigit)
                        ? Optional.ofNullable(em.find(Broker.class, Long.parseLong(b)))
                                .map(Broker::id)
                        : em.createNamedQuery(Broker.BY_NAME, Broker.class)
                                .setParameter("name", b)
                                .getResultStream()
                                .findFirst()
                                .map(Broker::id))
                .flatMap(id -> id);
    }
}
