package org.openaperture.messaging.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.openaperture.common.domain.TimestampedEntity;

/** Says that an exchange is reachable only through the given broker (the seed's "exchange broker"). */
@Entity
@Table(name = "messaging_exchange_brokers")
@NamedQuery(
        name = ExchangeBrokerRestriction.OF_EXCHANGE,
        query = "SELECT r FROM ExchangeBrokerRestriction r WHERE r.exchangeId = :exchangeId ORDER BY r.id")
@NamedQuery(
        name = ExchangeBrokerRestriction.DELETE_OF_EXCHANGE,
        query = "DELETE FROM ExchangeBrokerRestriction r WHERE r.exchangeId = :exchangeId")
@NamedQuery(
        name = ExchangeBrokerRestriction.OF_BROKER,
        query = "SELECT r FROM ExchangeBrokerRestriction r WHERE r.brokerId = :brokerId ORDER BY r.id")
public class ExchangeBrokerRestriction extends TimestampedEntity {
    public static final String OF_EXCHANGE = "ExchangeBrokerRestriction.ofExchange";
    public static final String DELETE_OF_EXCHANGE = "ExchangeBrokerRestriction.deleteOfExchange";
    public static final String OF_BROKER = "ExchangeBrokerRestriction.ofBroker";

    @Id
    @SequenceGenerator(
            name = "exchange_broker_seq",
            sequenceName = "messaging_exchange_brokers_seq",
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "exchange_broker_seq")
    private Long id;

    @Column(name = "messaging_exchange_id", nullable = false)
    private Long exchangeId;

    @Column(name = "messaging_broker_id", nullable = false)
    private Long brokerId;

    protected ExchangeBrokerRestriction() {}

    public ExchangeBrokerRestriction(long exchangeId, long brokerId) {
        this.exchangeId = exchangeId;
        this.brokerId = brokerId;
    }

    public Long id() {
        return id;
    }

    public Long exchangeId() {
        return exchangeId;
    }

    public Long brokerId() {
        return brokerId;
    }
}
