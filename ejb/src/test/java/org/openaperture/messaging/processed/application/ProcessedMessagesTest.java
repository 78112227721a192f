package org.openaperture.messaging.processed.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testing.MigratedH2;

/** At-least-once delivery, effect once: the processed-message record, on H2 migrated by Flyway. */
class ProcessedMessagesTest {
    private MigratedH2 db;
    private EntityManager em;
    private ProcessedMessages processed;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        processed = new ProcessedMessages();
        processed.em = em;
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private boolean inTransaction(String consumer, String messageId) {
        em.getTransaction().begin();
        try {
            boolean first = processed.firstDelivery(consumer, messageId);
            em.getTransaction().commit();
            return first;
        } catch (RuntimeException e) {
            em.getTransaction().rollback();
            throw e;
        } finally {
            em.clear();
        }
    }

    @Test
    @DisplayName("the first delivery of a message id has its effect; a redelivery does not")
    void redeliveryIsRecognised() {
        assertTrue(inTransaction("system_modules", "m-1"));
        assertFalse(inTransaction("system_modules", "m-1"));
    }

    @Test
    @DisplayName("each consumer keeps its own record: one message may have an effect in two consumers")
    void perConsumer() {
        assertTrue(inTransaction("system_modules", "m-1"));
        assertTrue(inTransaction("builder", "m-1"));
    }

    @Test
    @DisplayName("a message without an id (a publisher that is not ours) always has its effect")
    void withoutAnId() {
        assertTrue(inTransaction("system_modules", null));
        assertTrue(inTransaction("system_modules", null));
        assertTrue(inTransaction("system_modules", " "));
    }

    @Test
    @DisplayName("an id too long to record (over 128 characters) always has its effect, and fails nothing")
    void tooLongAnId() {
        String longest = "m".repeat(128);
        String tooLong = "m".repeat(129);
        assertTrue(inTransaction("system_modules", longest));
        assertFalse(inTransaction("system_modules", longest));
        assertTrue(inTransaction("system_modules", tooLong));
        assertTrue(inTransaction("system_modules", tooLong));
    }

    @Test
    @DisplayName("an effect that rolls back leaves no record, so the redelivery has its effect")
    void rolledBackEffect() {
        em.getTransaction().begin();
        assertTrue(processed.firstDelivery("system_modules", "m-2"));
        em.getTransaction().rollback();
        em.clear();

        assertTrue(inTransaction("system_modules", "m-2"));
    }

    @Test
    @DisplayName("a delivery committed meanwhile by another session is seen, and this one skips")
    void committedMeanwhile() throws SQLException {
        insertBehindJpa("'m-3'", "CURRENT_TIMESTAMP");

        assertFalse(inTransaction("system_modules", "m-3"));
    }

    @Test
    @DisplayName("two deliveries racing past the check: the database's key refuses the second record")
    void theKeyGuardsRaces() throws SQLException {
        insertBehindJpa("'m-4'", "CURRENT_TIMESTAMP");

        assertThrows(SQLException.class, () -> insertBehindJpa("'m-4'", "CURRENT_TIMESTAMP"));
    }

    @Test
    @DisplayName("records older than the retention are forgotten, newer ones kept")
    void retention() throws SQLException {
        inTransaction("system_modules", "new");
        insertBehindJpa("'old'", "DATEADD('DAY', -8, CURRENT_TIMESTAMP)");

        em.getTransaction().begin();
        int forgotten = processed.forgetOlderThan(Duration.ofDays(7));
        em.getTransaction().commit();

        assertEquals(1, forgotten);
        assertFalse(inTransaction("system_modules", "new"));
        assertTrue(inTransaction("system_modules", "old"));
    }

    private void insertBehindJpa(String messageId, String processedAt) throws SQLException {
        try (Connection other = db.jdbc();
                Statement insert = other.createStatement()) {
            insert.executeUpdate("INSERT INTO processed_messages (consumer, message_id, processed_at)"
                    + " VALUES ('system_modules', " + messageId + ", " + processedAt + ")");
        }
    }
}
