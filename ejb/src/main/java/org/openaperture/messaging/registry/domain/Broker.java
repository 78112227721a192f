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

/** A named AMQP server or cluster, optionally with a failover broker to switch to when it is lost. */
@Entity
@Table(name = "messaging_brokers")
@NamedQuery(name = Broker.ALL, query = "SELECT b FROM Broker b ORDER BY b.id")
@NamedQuery(name = Broker.BY_NAME, query = "SELECT b FROM Broker b WHERE b.name = :name")
@NamedQuery(
        name = Broker.FAILOVER_FOR,
        query = "SELECT b FROM Broker b WHERE b.failoverBrokerId = :id AND b.id <> :id ORDER BY b.id")
public class Broker extends TimestampedEntity {
    public static final String KIND = "MessagingBroker";
    public static final String ALL = "Broker.all";
    public static final String BY_NAME = "Broker.byName";
    /** The brokers whose failover a broker is. */
    public static final String FAILOVER_FOR = "Broker.failoverFor";

    @Id
    @SequenceGenerator(name = "broker_seq", sequenceName = "messaging_brokers_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "broker_seq")
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "failover_broker_id")
    private Long failoverBrokerId;

    protected Broker() {}

    public Broker(String name, Long failoverBrokerId) {
        rename(name);
        this.failoverBrokerId = failoverBrokerId;
    }

    public final void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    public void failOverTo(Long brokerId) {
        this.failoverBrokerId = brokerId;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Long failoverBrokerId() {
        return failoverBrokerId;
    }
}
