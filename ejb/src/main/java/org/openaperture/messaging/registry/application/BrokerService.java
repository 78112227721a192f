package org.openaperture.messaging.registry.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openaperture.common.application.SecretCipher;
import org.openaperture.common.application.SecretCipherException;
import org.openaperture.common.domain.DuplicateEntityException;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.common.domain.SealedSecret;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.domain.Broker;
import org.openaperture.messaging.registry.domain.BrokerConnection;
import org.openaperture.messaging.registry.domain.ExchangeBrokerRestriction;

/**
 * Brokers and their connections. Connection passwords are sealed by the {@link SecretCipher} before they are
 * stored and opened only for callers allowed to see them; no password ever goes into a log line.
 */
@Stateless
public class BrokerService {
    private static final Logger LOG = System.getLogger(BrokerService.class.getName());

    @PersistenceContext(unitName = "openaperture")
    EntityManager em;

    @Inject
    SecretCipher cipher;

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
    /**
     * Deletes a broker with its connections. A broker that is another's failover, or that an exchange is
     * restricted to, is refused: deleting it would silently change how those are reached.
     */
    public void delete(long id) {
        Broker broker = get(id);
        List<String> dependents = new ArrayList<>();
        em.createNamedQuery(Broker.FAILOVER_FOR, Broker.class)
                .setParameter("id", id)
                .getResultStream()
                .forEach(other -> dependents.add("the failover of broker " + other.id() + " (" + other.name() + ")"));
        em.createNamedQuery(ExchangeBrokerRestriction.OF_BROKER, ExchangeBrokerRestriction.class)
                .setParameter("brokerId", id)
                .getResultStream()
                .forEach(r -> dependents.add("a broker restriction of exchange " + r.exchangeId()));
        if (!dependents.isEmpty()) {
            throw new StateConflictException("broker " + id + " (" + broker.name() + ") cannot be deleted: it is "
                    + String.join(", ", dependents) + "; change or delete those first");
        }
        em.createNamedQuery(BrokerConnection.DELETE_OF_BROKER)
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
        BrokerConnection connection =
                new BrokerConnection(brokerId, username, cipher.seal(password), host, port, virtualHost);
        em.persist(connection);
        em.flush();
        return connection;
    }

    /**
     * The plain password of a connection, for callers allowed to see it (modules, which connect with it).
     * Never log it.
     */
    public String password(BrokerConnection connection) {
        return plainPassword(connection);
    }

    /**
     * Seals every stored password that is not yet under the current key with that key: after a key rotation,
     * and for passwords stored before encryption at rest. Idempotent; old keys can be removed once it has run
     * on every node (see the README).
     */
    public Reencryption reencryptAll() {
        String current = cipher.currentKeyId();
        List<BrokerConnection> stale = em.createNamedQuery(BrokerConnection.NOT_SEALED_WITH, BrokerConnection.class)
                .setParameter("keyId", current)
                .getResultList();
        for (BrokerConnection connection : stale) {
            connection.reseal(cipher.seal(plainPassword(connection)));
        }
        em.flush();
        // A rotation script polls until the node sees the new key: the passes that find nothing stay quiet.
        LOG.log(
                stale.isEmpty() ? Level.DEBUG : Level.INFO,
                "re-encrypted {0} broker connection password(s) under key {1}",
                stale.size(),
                current);
        return new Reencryption(stale.size(), current);
    }

    public void deleteConnections(long brokerId) {
        get(brokerId);
        em.createNamedQuery(BrokerConnection.DELETE_OF_BROKER)
                .setParameter("brokerId", brokerId)
                .executeUpdate();
    }

    private String plainPassword(BrokerConnection connection) {
        SealedSecret stored = connection.password();
        if (!stored.isSealed()) {
            // Stored before encryption at rest: the value is the password; reencryptAll() seals it.
            return stored.value();
        }
        try {
            return cipher.open(stored);
        } catch (SecretCipherException e) {
            throw new SecretCipherException(
                    "the password of broker connection " + connection.id() + " cannot be read: " + e.getMessage());
        }
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
