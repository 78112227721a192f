package org.openaperture.messaging.rpc.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.messaging.rpc.domain.RpcRequest;
import org.openaperture.testing.MigratedH2;

/** The original {@code RpcRequestsCleanup} case, on H2 migrated by Flyway and EclipseLink. */
class RpcRequestCleanupTest {
    private MigratedH2 db;
    private EntityManager em;
    private RpcRequestService requests;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        requests = new RpcRequestService();
        requests.em = em;
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    @DisplayName("RpcRequestsCleanup: a row inserted 25 h ago is deleted; rows 23 h old and new are kept")
    void requestsOlderThanADayAreDeleted() throws SQLException {
        long old = insertedHoursAgo(25);
        long recent = insertedHoursAgo(23);
        long fresh = insertedHoursAgo(0);

        em.getTransaction().begin();
        int deleted = requests.deleteOlderThan(Duration.ofHours(24));
        em.getTransaction().commit();

        assertEquals(1, deleted);
        em.clear();
        assertEquals(null, em.find(RpcRequest.class, old));
        assertEquals(recent, em.find(RpcRequest.class, recent).id());
        assertEquals(fresh, em.find(RpcRequest.class, fresh).id());
    }

    private long insertedHoursAgo(int hours) throws SQLException {
        em.getTransaction().begin();
        long id = requests.create("not_started", "{\"action\":\"list_machines\"}", null)
                .id();
        em.getTransaction().commit();
        try (Connection c = db.jdbc();
                PreparedStatement update =
                        c.prepareStatement("UPDATE messaging_rpc_requests SET inserted_at = ? WHERE id = ?")) {
            update.setObject(1, Timestamps.nowUtc().minusHours(hours));
            update.setLong(2, id);
            update.executeUpdate();
        }
        return id;
    }
}
