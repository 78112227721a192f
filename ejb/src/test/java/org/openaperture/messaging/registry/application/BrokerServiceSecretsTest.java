package org.openaperture.messaging.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.common.application.SecretCipherException;
import org.openaperture.common.infrastructure.AesGcmSecretCipher;
import org.openaperture.messaging.registry.domain.BrokerConnection;
import org.openaperture.testing.MigratedH2;

/**
 * Connection passwords through the service, on a real database (H2, migrated by Flyway) and JPA, without a
 * container and without tokens: sealed when stored, opened for callers that may see them, re-encrypted
 * under a new key.
 */
class BrokerServiceSecretsTest {
    private MigratedH2 db;
    private final Map<String, String> config = new HashMap<>();
    private EntityManager em;
    private BrokerService brokers;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        config.put("openaperture.secrets.current-key", "k1");
        config.put("openaperture.secrets.key.k1", randomKey());
        brokers = new BrokerService();
        brokers.em = em;
        brokers.cipher = new AesGcmSecretCipher(name -> Optional.ofNullable(config.get(name)));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aNewConnectionsPasswordIsStoredSealedWithTheKeyIdBesideIt() throws SQLException {
        BrokerConnection connection = inTransaction(() -> {
            long broker = brokers.create("b1", null).id();
            return brokers.addConnection(broker, "oa", "s3cret-pw", "127.0.0.1", 5672, "/");
        });

        String[] row = row(connection.id());
        assertNotEquals("s3cret-pw", row[0]);
        assertFalse(row[0].contains("s3cret-pw"), row[0]);
        assertEquals("k1", row[1]);
        em.clear();
        assertEquals(
                "s3cret-pw",
                brokers.password(brokers.connections(connection.brokerId()).get(0)));
    }

    @Test
    void reencryptionSealsEveryOtherPasswordUnderTheCurrentKeyAndSkipsTheRest() throws SQLException {
        long broker = inTransaction(() -> brokers.create("b1", null).id());
        long first = inTransaction(() -> brokers.addConnection(broker, "oa", "pw-one", "h1", 5672, "/"))
                .id();
        long legacy = insertPlainTextConnection(broker, "pw-legacy");
        assertEquals(new Reencryption(1, "k1"), inTransaction(brokers::reencryptAll), "only the plain-text row");
        assertEquals("k1", row(legacy)[1]);

        config.put("openaperture.secrets.key.k2", randomKey());
        config.put("openaperture.secrets.current-key", "k2");
        long second = inTransaction(() -> brokers.addConnection(broker, "oa", "pw-two", "h2", 5672, "/"))
                .id();
        assertEquals("k2", row(second)[1]);

        em.clear();
        assertEquals(new Reencryption(2, "k2"), inTransaction(brokers::reencryptAll));
        em.clear();
        assertEquals(new Reencryption(0, "k2"), inTransaction(brokers::reencryptAll), "nothing left to do");
        for (long id : new long[] {first, second, legacy}) {
            assertEquals("k2", row(id)[1]);
        }

        config.remove("openaperture.secrets.key.k1");
        em.clear();
        var passwords =
                brokers.connections(broker).stream().map(brokers::password).toList();
        assertEquals(List.of("pw-one", "pw-legacy", "pw-two"), passwords);
    }

    @Test
    void aPasswordStoredBeforeSealingIsReadAsItIs() throws SQLException {
        long broker = inTransaction(() -> brokers.create("b1", null).id());
        long legacy = insertPlainTextConnection(broker, "pw-legacy");

        assertNull(row(legacy)[1]);
        assertEquals("pw-legacy", brokers.password(em.find(BrokerConnection.class, legacy)));
    }

    @Test
    void aPasswordWhoseKeyIsNoLongerConfiguredNamesTheConnectionAndTheKey() {
        BrokerConnection connection = inTransaction(() -> {
            long broker = brokers.create("b1", null).id();
            return brokers.addConnection(broker, "oa", "s3cret-pw", "127.0.0.1", 5672, "/");
        });
        config.put("openaperture.secrets.key.k2", randomKey());
        config.put("openaperture.secrets.current-key", "k2");
        config.remove("openaperture.secrets.key.k1");

        SecretCipherException refused = assertThrows(SecretCipherException.class, () -> brokers.password(connection));
        assertTrue(refused.getMessage().contains("broker connection " + connection.id()), refused.getMessage());
        assertTrue(refused.getMessage().contains("openaperture.secrets.key.k1"), refused.getMessage());
        em.getTransaction().begin();
        assertThrows(SecretCipherException.class, brokers::reencryptAll, "nothing is re-encrypted blindly");
        em.getTransaction().rollback();
    }

    private <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        try {
            T result = work.get();
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
        }
    }

    /** password and password_keyname as stored. */
    private String[] row(long id) throws SQLException {
        try (Connection c = db.jdbc();
                PreparedStatement s = c.prepareStatement(
                        "SELECT password, password_keyname FROM messaging_broker_connections WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "row " + id);
                return new String[] {r.getString(1), r.getString(2)};
            }
        }
    }

    /** A row as stored before encryption at rest: the password as given, no key id. */
    private long insertPlainTextConnection(long broker, String password) throws SQLException {
        try (Connection c = db.jdbc();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO messaging_broker_connections (id, messaging_broker_id, username, password, "
                                + "host, virtual_host, inserted_at, updated_at) VALUES "
                                + "(NEXT VALUE FOR messaging_broker_connections_seq, ?, 'oa', ?, 'h0', '/', "
                                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        new String[] {"id"})) {
            s.setLong(1, broker);
            s.setString(2, password);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
