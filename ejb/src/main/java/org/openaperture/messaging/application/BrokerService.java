package org.openaperture.messaging.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Objects;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.domain.Broker;
import org.openaperture.messaging.domain.BrokerConnection;
import org.openaperture.messaging.domain.ExchangeBrokerRestriction;

/** Brokers and their connections. */
@Stateless
public class BrokerService {

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    public List<Broker> list() {
        return em.createNamedQuery(Broker.ALL, Broker.class).getResultList();
    }

    public Broker get(long id) {
        Broker broker = em.find(Broker.class, id);
        if (broker == null) {
            throw new UnknownEntityException(Broker.KIND, id);
        }
        return broker;
    }

    public Broker create(String name, Long failoverBrokerId) {
        requireUniqueName(name, null);
        requireFailover(null, failoverBrokerId);
        Broker broker = new Broker(name, failoverBrokerId);
        em.persist(broker);
        em.flush();
        return broker;
    }

    public Broker update(long id, String name, Long failoverBrokerId) {
        Broker broker = get(id);
        requireUniqueName(name, id);
        requireFailover(id, failoverBrokerId);
        broker.rename(name);
        broker.failOverTo(failoverBrokerId);
        em.flush();
        return broker;
    }

    /** Deletes a broker with its connections and restrictions; brokers failing over to it lose that failover. */
    public void delete(long id) {
        Broker broker = get(id);
        em.createNamedQuery(Broker.CLEAR_FAILOVER_TO).setParameter("id", id).executeUpdate();
        em.createNamedQuery(BrokerConnection.DELETE_OF_BROKER)
                .setParameter("brokerId", id)
                .executeUpdate();
        em.createNamedQuery(ExchangeBrokerRestriction.DELETE_OF_BROKER)
                .setParameter("brokerId", id)
                .executeUpdate();
        em.remove(broker);
    }

    public List<BrokerConnection> connections(long brokerId) {
        get(brokerId);
        return em.createNamedQuery(BrokerConnection.OF_BROKER, BrokerConnection.class)
                .setParameter("brokerId", brokerId)
                .getResultList();
    }

    public BrokerConnection addConnection(
            long brokerId, String username, String password, String host, Integer port, String virtualHost) {
        get(brokerId);
        BrokerConnection connection = new BrokerConnection(brokerId, username, password, host, port, virtualHost);
        em.persist(connection);
        em.flush();
        return connection;
    }

    public void deleteConnections(long brokerId) {
        get(brokerId);
        em.createNamedQuery(BrokerConnection.DELETE_OF_BROKER)
                .setParameter("brokerId", brokerId)
                .executeUpdate();
    }

    private void requireUniqueName(String name, Long self) {
        boolean taken = em.createNamedQuery(Broker.BY_NAME, Broker.class)
                .setParameter("name", name)
                .getResultStream()
                .anyMatch(other -> !Objects.equals(other.id(), self));
        if (taken) {
            throw new DuplicateEntityException("a " + Broker.KIND + " named " + name + " already exists");
        }
    }

    private void requireFailover(Long self, Long failoverBrokerId) {
        if (failoverBrokerId == null) {
            return;
        }
        if (failoverBrokerId.equals(self)) {
            throw new InvalidRequestException("failover_broker_id", "a broker cannot be its own failover broker");
        }
        if (em.find(Broker.class, failoverBrokerId) == null) {
            throw new InvalidRequestException(
                    "failover_broker_id", "failover broker " + failoverBrokerId + " does not exist");
        }
    }
}
