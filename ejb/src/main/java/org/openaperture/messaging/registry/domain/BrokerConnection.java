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
import org.openaperture.common.domain.SealedSecret;
import org.openaperture.common.domain.TimestampedEntity;

/**
 * One set of options to reach a broker: host, port, virtual host and credentials. The password is kept
 * sealed, with the id of the key that sealed it beside it; sealing and opening happen in the application
 * layer, the entity only carries the result.
 */
@Entity
@Table(name = "messaging_broker_connections")
@NamedQuery(
        name = BrokerConnection.OF_BROKER,
        query = "SELECT c FROM BrokerConnection c WHERE c.brokerId = :brokerId ORDER BY c.id")
@NamedQuery(
        name = BrokerConnection.NOT_SEALED_WITH,
        query = "SELECT c FROM BrokerConnection c WHERE c.passwordKeyname IS NULL OR c.passwordKeyname <> :keyId"
                + " ORDER BY c.id")
@NamedQuery(
        name = BrokerConnection.DELETE_OF_BROKER,
        query = "DELETE FROM BrokerConnection c WHERE c.brokerId = :brokerId")
public class BrokerConnection extends TimestampedEntity {
    public static final String OF_BROKER = "BrokerConnection.ofBroker";
    public static final String NOT_SEALED_WITH = "BrokerConnection.notSealedWith";
    public static final String DELETE_OF_BROKER = "BrokerConnection.deleteOfBroker";
    public static final String DEFAULT_VIRTUAL_HOST = "/";

    @Id
    @SequenceGenerator(
            name = "broker_connection_seq",
            sequenceName = "messaging_broker_connections_seq",
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "broker_connection_seq")
    private Long id;

    @Column(name = "messaging_broker_id", nullable = false)
    private Long brokerId;

    @Column(nullable = false)
    private String username;

    @Column(nullable = false, length = 2048)
    private String password;

    @Column(name = "password_keyname")
    private String passwordKeyname;

    @Column(nullable = false)
    private String host;

    private Integer port;

    @Column(name = "virtual_host", nullable = false)
    private String virtualHost;

    protected BrokerConnection() {}

    public BrokerConnection(
            long brokerId, String username, SealedSecret password, String host, Integer port, String virtualHost) {
        this.brokerId = brokerId;
        this.username = Objects.requireNonNull(username, "username");
        reseal(password);
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.virtualHost = virtualHost == null ? DEFAULT_VIRTUAL_HOST : virtualHost;
    }

    public Long id() {
        return id;
    }

    public Long brokerId() {
        return brokerId;
    }

    public String username() {
        return username;
    }

    /** The password as stored: sealed, with its key id (null for a password stored before sealing). */
    public SealedSecret password() {
        return new SealedSecret(passwordKeyname, password);
    }

    /** Replaces the stored password with the same password sealed again, e.g. under a new key. */
    public final void reseal(SealedSecret sealed) {
        Objects.requireNonNull(sealed, "password");
        this.password = sealed.value();
        this.passwordKeyname = sealed.keyId();
    }

    public String host() {
        return host;
    }

    public Integer port() {
        return port;
    }

    public String virtualHost() {
        return virtualHost;
    }
}
