package org.openaperture.messaging.registry.application;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeBrokerRestriction;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy;
import org.openaperture.messaging.registry.domain.ExchangeHierarchy.Route;

/**
 * Exchanges (geographies), their hierarchy and their broker restrictions. The modules running in them belong to
 * {@link ModuleRegistry}, which this service asks to remove them when an exchange is deleted.
 */
@Stateless
public class ExchangeService {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Event<ExchangeDeleting> deleting;

    @Inject
    ModuleRegistry modules;

    /** An exchange with where messages for it go (computed, not stored). */
    public record RoutedExchange(Exchange exchange, Route route) {}

    /** Every exchange with its route, computed in one transaction over one persistence context. */
    public List<RoutedExchange> listWithRoutes() {
        ExchangeHierarchy hierarchy = hierarchy();
        return em.createNamedQuery(Exchange.ALL, Exchange.class)
                .getResultStream()
                .map(e -> new RoutedExchange(e, hierarchy.routeOf(e.asNode())))
                .toList();
    }

    public RoutedExchange getWithRoute(long id) {
        Exchange exchange = get(id);
        return new RoutedExchange(exchange, hierarchy().routeOf(exchange.asNode()));
    }

    public Exchange get(long id) {
        return find(id).orElseThrow(() -> new UnknownEntityException(Exchange.KIND, id));
    }

    /** Finds an exchange by its id (all digits) or its name, as a node's configuration may give either. */
    public Optional<Exchange> findByIdOrName(String idOrName) {
        if (idOrName.chars().allMatch(Character::isDigit)) {
            return find(Long.parseLong(idOrName));
        }
        return em.createNamedQuery(Exchange.BY_NAME, Exchange.class)
                .setParameter("name", idOrName)
                .getResultStream()
                .findFirst();
    }

    public Exchange create(String name, String routingKeyFragment, Long parentId, Long failoverId) {
        lockHierarchyFor(parentId);
        requireUniqueName(name, null);
        Exchange exchange = new Exchange(name, routingKeyFragment, null, null);
        hierarchy().checkParent(exchange.asNode(), parentId);
        requireFailover(null, failoverId);
        exchange.moveUnder(parentId);
        exchange.failOverTo(failoverId);
        em.persist(exchange);
        em.flush();
        return exchange;
    }

    public Exchange update(long id, String name, String routingKeyFragment, Long parentId, Long failoverId) {
        lockHierarchyFor(parentId);
        Exchange exchange = get(id);
        requireUniqueName(name, id);
        hierarchy().checkParent(exchange.asNode(), parentId);
        requireFailover(id, failoverId);
        exchange.rename(name);
        exchange.useRoutingKeyFragment(routingKeyFragment);
        exchange.moveUnder(parentId);
        exchange.failOverTo(failoverId);
        em.flush();
        return exchange;
    }

    /**
     * Deletes an exchange with its restrictions, modules and system components (those through {@link ExchangeDeleting},
     * in this transaction). Its children become roots and exchanges that failed over to it lose that failover, as in
     * the original Manager.
     */
    /**
     * Deletes an exchange with its broker restrictions and modules. An exchange that is another's parent or
     * failover is refused: deleting it would change their routing keys or failover without a word.
     */
    public void delete(long id) {
        Exchange exchange = get(id);
        List<String> dependents = em.createNamedQuery(Exchange.DEPENDENTS_OF, Exchange.class)
                .setParameter("id", id)
                .getResultStream()
                .map(other -> (Objects.equals(other.parentExchangeId(), id) ? "the parent of" : "the failover of")
                        + " exchange " + other.id() + " (" + other.name() + ")")
                .toList();
        if (!dependents.isEmpty()) {
            throw new StateConflictException("exchange " + id + " (" + exchange.name() + ") cannot be deleted: it is "
                    + String.join(", ", dependents) + "; move or delete those first");
        }
        em.createNamedQuery(ExchangeBrokerRestriction.DELETE_OF_EXCHANGE)
                .setParameter("exchangeId", id)
                .executeUpdate();
        modules.deleteAllOf(id);
        deleting.fire(new ExchangeDeleting(id));
        em.remove(exchange);
    }

    /** The brokers an exchange may be reached through, as restriction rows. */
    public List<ExchangeBrokerRestriction> restrictions(long exchangeId) {
        get(exchangeId);
        return em.createNamedQuery(ExchangeBrokerRestriction.OF_EXCHANGE, ExchangeBrokerRestriction.class)
                .setParameter("exchangeId", exchangeId)
                .getResultList();
    }

    public ExchangeBrokerRestriction restrict(long exchangeId, long brokerId) {
        get(exchangeId);
        if (em.find(Broker.class, brokerId) == null) {
            throw new InvalidRequestException("messaging_broker_id", "broker " + brokerId + " does not exist");
        }
        boolean present = restrictions(exchangeId).stream().anyMatch(r -> r.brokerId() == brokerId);
        if (present) {
            throw new DuplicateEntityException(
                    "exchange " + exchangeId + " is already restricted to broker " + brokerId);
        }
        ExchangeBrokerRestriction restriction = new ExchangeBrokerRestriction(exchangeId, brokerId);
        em.persist(restriction);
        em.flush();
        return restriction;
    }

    public void deleteRestrictions(long exchangeId) {
        get(exchangeId);
        em.createNamedQuery(ExchangeBrokerRestriction.DELETE_OF_EXCHANGE)
                .setParameter("exchangeId", exchangeId)
                .executeUpdate();
    }

    /**
     * Two concurrent moves (A under B, B under A) would each pass the cycle check alone; locking the
     * exchanges first makes hierarchy writes take turns, across nodes too. The table is small.
     */
    private void lockHierarchyFor(Long parentId) {
        if (parentId != null) {
            em.createNamedQuery(Exchange.ALL, Exchange.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
        }
    }

    private ExchangeHierarchy hierarchy() {
        return new ExchangeHierarchy(id -> find(id).map(Exchange::asNode));
    }

    private Optional<Exchange> find(long id) {
        return Optional.ofNullable(em.find(Exchange.class, id));
    }

    private void requireUniqueName(String name, Long self) {
        boolean taken = em.createNamedQuery(Exchange.BY_NAME, Exchange.class)
                .setParameter("name", name)
                .getResultStream()
                .anyMatch(other -> !Objects.equals(other.id(), self));
        if (taken) {
            throw new DuplicateEntityException("a " + Exchange.KIND + " named " + name + " already exists");
        }
    }

    private void requireFailover(Long self, Long failoverId) {
        if (failoverId == null) {
            return;
        }
        if (failoverId.equals(self)) {
            throw new InvalidRequestException(
                    "failover_exchange_id", "an exchange cannot be its own failover exchange");
        }
        if (find(failoverId).isEmpty()) {
            throw new InvalidRequestException(
                    "failover_exchange_id", "failover exchange " + failoverId + " does not exist");
        }
    }
}
