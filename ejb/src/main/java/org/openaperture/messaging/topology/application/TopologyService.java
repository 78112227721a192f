package org.openaperture.messaging.topology.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Node;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.TopologyDrift;
import org.openaperture.messaging.topology.domain.TopologyPlan;

/**
 * The broker topology the model implies: exported, compared with the live broker, applied on request.
 * Reads the model in a transaction of its own and talks to the broker outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TopologyService {

    @Inject
    ExchangeService exchanges;

    @Inject
    BrokerManagement broker;

    /** What was declared, and what differs and could not be (RabbitMQ keeps an existing object as it is). */
    public record Applied(Definitions declared, List<TopologyDrift.Difference> notChanged) {}

    /** @param rootExchangeName only that hierarchy (an exchange name), or null for the whole model */
    public Definitions plan(String rootExchangeName) {
        List<ExchangeService.RoutedExchange> model = exchanges.listWithRoutes();
        if (rootExchangeName != null
                && model.stream()
                        .noneMatch(r -> r.exchange().name().equals(rootExchangeName)
                                && r.route().rootExchangeName().equals(rootExchangeName))) {
            throw new UnknownEntityException("root " + Exchange.KIND, rootExchangeName);
        }
        List<Node> nodes =
                model.stream().map(routed -> routed.exchange().asNode()).toList();
        return TopologyPlan.of(broker.vhost(), nodes, rootExchangeName);
    }

    public TopologyDrift drift(String rootExchangeName) {
        Definitions plan = plan(rootExchangeName);
        return TopologyDrift.between(plan, broker.read());
    }

    /** Declares what the broker is missing; a second call finds nothing to do. */
    public Applied apply(String rootExchangeName) {
        TopologyDrift drift = drift(rootExchangeName);
        if (!drift.missing().declaresNothing()) {
            broker.declare(drift.missing());
        }
        return new Applied(drift.missing(), drift.different());
    }
}
