package org.openaperture.system.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.registry.application.ExchangeDeleting;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.system.domain.SystemComponent;

/** The OpenAperture components deployed in each exchange, and requests to upgrade them. */
@Stateless
public class SystemComponentService {
    /** The Overseer's logical queue, and the request that asks it to upgrade a component. */
    public static final String OVERSEER_QUEUE = QueueNames.OVERSEER;

    public static final String UPGRADE_REQUEST = "upgrade_request";

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    Outbox outbox;

    public List<SystemComponent> list(String type) {
        if (type == null) {
            return em.createNamedQuery(SystemComponent.ALL, SystemComponent.class)
                    .getResultList();
        }
        return em.createNamedQuery(SystemComponent.OF_TYPE, SystemComponent.class)
                .setParameter("type", type)
                .getResultList();
    }

    public List<SystemComponent> ofExchange(long exchangeId) {
        if (em.find(Exchange.class, exchangeId) == null) {
            throw new UnknownEntityException(Exchange.KIND, exchangeId);
        }
        return em.createNamedQuery(SystemComponent.OF_EXCHANGE, SystemComponent.class)
                .setParameter("exchangeId", exchangeId)
                .getResultList();
    }

    public SystemComponent get(long id) {
        return find(id).orElseThrow(() -> new UnknownEntityException(SystemComponent.KIND, id));
    }

    /** The component, if it exists (no exception, so a caller's transaction is not marked for rollback). */
    public Optional<SystemComponent> find(long id) {
        return Optional.ofNullable(em.find(SystemComponent.class, id));
    }

    public SystemComponent create(SystemComponent.Details details) {
        requireExchange(details.exchangeId());
        requireFree(details, null);
        SystemComponent component = new SystemComponent(details);
        em.persist(component);
        em.flush();
        return component;
    }

    public SystemComponent update(long id, SystemComponent.Details details) {
        SystemComponent component = get(id);
        requireExchange(details.exchangeId());
        requireFree(details, id);
        component.change(details);
        em.flush();
        return component;
    }

    public void delete(long id) {
        em.remove(get(id));
    }

    /** Asks the Overseer of the component's exchange to upgrade it; the request leaves after commit. */
    public String requestUpgrade(long id) {
        SystemComponent component = get(id);
        return outbox.enqueue(
                component.exchangeId(),
                OVERSEER_QUEUE,
                "overseer." + UPGRADE_REQUEST,
                JSON.createObjectBuilder()
                        .add("action", UPGRADE_REQUEST)
                        .add("options", JSON.createObjectBuilder().add("component_type", component.type()))
                        .build());
    }

    private void requireExchange(long exchangeId) {
        if (em.find(Exchange.class, exchangeId) == null) {
            throw new InvalidRequestException("messaging_exchange_id", "exchange " + exchangeId + " does not exist");
        }
    }

    private void requireFree(SystemComponent.Details details, Long self) {
        boolean taken = em.createNamedQuery(SystemComponent.BY_EXCHANGE_AND_TYPE, SystemComponent.class)
                .setParameter("exchangeId", details.exchangeId())
                .setParameter("type", details.type())
                .getResultStream()
                .anyMatch(other -> !Objects.equals(other.id(), self));
        if (taken) {
            throw new DuplicateEntityException("exchange " + details.exchangeId() + " already has a " + details.type()
                    + " " + SystemComponent.KIND);
        }
    }

    /** An exchange's system components go with it, in the transaction that deletes it. */
    public void onExchangeDeleting(@Observes ExchangeDeleting deleting) {
        em.createNamedQuery(SystemComponent.DELETE_OF_EXCHANGE)
                .setParameter("exchangeId", deleting.exchangeId())
                .executeUpdate();
    }
}
