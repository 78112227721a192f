package org.openaperture.messaging.outbox.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.testing.MigratedH2;

/** The relay's claims on the outbox, on H2 migrated by Flyway. */
class OutboxStoreTest {
    private MigratedH2 db;

    @BeforeEach
    void setUp() throws SQLException {
        db = new MigratedH2();
        db.sql("INSERT INTO messaging_exchanges (id, name, routing_key_fragment, inserted_at, updated_at)"
                + " VALUES (1, 'E1', 'e1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aClaimTakesTheOldestDueMessagesAndPostponesThemSoThatTheNextClaimTakesTheOthers() throws SQLException {
        List<String> ids = queue(3);
        OutboxStore store = store(db.em());

        assertEquals(ids.subList(0, 2), db.tx(() -> ids(store.claimDue(2))));
        assertEquals(ids.subList(2, 3), db.tx(() -> ids(store.claimDue(10))));
        assertEquals(List.of(), db.tx(() -> ids(store.claimDue(10))), "all three claimed");
    }

    @Test
    void twoNodesClaimingAtOnceNeverClaimTheSameMessage() throws Exception {
        List<String> ids = queue(300);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> claimed = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                claimed.add(nodes.submit(() -> claimAll(db.newEntityManager())));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> node : claimed) {
                all.addAll(node.get(60, TimeUnit.SECONDS));
            }
            Set<String> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "no message claimed twice");
            assertEquals(new HashSet<>(ids), distinct, "every message claimed");
            assertTrue(claimed.get(0).get().size() > 0 || claimed.get(1).get().size() > 0);
        } finally {
            nodes.shutdownNow();
        }
    }

    /** Claims ten at a time, each claim in a transaction of its own, until none is due. */
    private static List<String> claimAll(EntityManager em) {
        OutboxStore store = store(em);
        List<String> claimed = new ArrayList<>();
        try {
            while (true) {
                em.getTransaction().begin();
                List<String> batch = ids(store.claimDue(10));
                em.getTransaction().commit();
                em.clear();
                if (batch.isEmpty()) {
                    return claimed;
                }
                claimed.addAll(batch);
            }
        } finally {
            em.close();
        }
    }

    private List<String> queue(int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        db.tx(() -> {
            for (int i = 0; i < count; i++) {
                OutboxMessage message = new OutboxMessage(1, "builder", "test", "{}");
                db.em().persist(message);
                ids.add(message.id());
            }
            return null;
        });
        // Oldest first: each message a second older than the one after it.
        for (int i = 0; i < count; i++) {
            db.sql("UPDATE outbox_messages SET inserted_at = DATEADD(SECOND, " + (i - count) + ", CURRENT_TIMESTAMP),"
                    + " next_attempt_at = DATEADD(MINUTE, -1, CURRENT_TIMESTAMP) WHERE id = '" + ids.get(i) + "'");
        }
        return ids;
    }

    private static OutboxStore store(EntityManager em) {
        OutboxStore store = new OutboxStore();
        store.em = em;
        return store;
    }

    private static List<String> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::id).toList();
    }
}
