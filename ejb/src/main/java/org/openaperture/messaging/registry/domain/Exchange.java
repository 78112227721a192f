package org.openaperture.messaging.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * A geography: an AMQP exchange in a hierarchy. Its routing key and root exchange are not stored; they
 * follow from the chain of parents ({@link ExchangeHierarchy}).
 */
@Entity
@Table(name = "messaging_exchanges")
@NamedQuery(name = Exchange.ALL, query = "SELECT e FROM Exchange e ORDER BY e.id")
@NamedQuery(name = Exchange.BY_NAME, query = "SELECT e FROM Exchange e WHERE e.name = :name")
@NamedQuery(
        name = Exchange.DEPENDENTS_OF,
        query = "SELECT e FROM Exchange e WHERE (e.parentExchangeId = :id OR e.failoverExchangeId = :id)"
                + " AND e.id <> :id ORDER BY e.id")
public class Exchange extends TimestampedEntity {
    public static final String KIND = "MessagingExchange";
    public static final String ALL = "Exchange.all";
    public static final String BY_NAME = "Exchange.byName";
    /** The exchanges whose parent or failover an exchange is. */
    public static final String DEPENDENTS_OF = "Exchange.dependentsOf";

    @Id
    @SequenceGenerator(name = "exchange_seq", sequenceName = "messaging_exchanges_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "exchange_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 1024)
    private String name;

    @Column(name = "failover_exchange_id")
    private Long failoverExchangeId;

    @Column(name = "parent_exchange_id")
    private Long parentExchangeId;

    @Column(name = "routing_key_fragment")
    private String routingKeyFragment;

    protected Exchange() {}

    public Exchange(String name, String routingKeyFragment, Long parentExchangeId, Long failoverExchangeId) {
        rename(name);
        this.routingKeyFragment = routingKeyFragment;
        this.parentExchangeId = parentExchangeId;
        this.failoverExchangeId = failoverExchangeId;
    }

    public final void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    public void moveUnder(Long parentId) {
        this.parentExchangeId = parentId;
    }

    public void failOverTo(Long exchangeId) {
        this.failoverExchangeId = exchangeId;
    }

    public void useRoutingKeyFragment(String fragment) {
        this.routingKeyFragment = fragment;
    }

    /** The view of this exchange that the routing-key rule walks. */
    public ExchangeHierarchy.Node asNode() {
        return new ExchangeHierarchy.Node(id, name, routingKeyFragment, parentExchangeId);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Long failoverExchangeId() {
        return failoverExchangeId;
    }

    public Long parentExchangeId() {
        return parentExchangeId;
    }

    public String routingKeyFragment() {
        return routingKeyFragment;
    }
}
