package org.openaperture.messaging.rpc.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.rpc.application.RpcRequestStore.Answer;
import org.openaperture.messaging.rpc.domain.RpcStatus;
import org.openaperture.testing.MigratedH2;

/** The request rows as both sides of an RPC use them, on H2 migrated by Flyway, with EclipseLink. */
class RpcRequestServiceTest {
    static final JsonValue LIST_MACHINES =
            Json.createObjectBuilder().add("action", "list_machines").build();

    private MigratedH2 db;
    private EntityManager em;
    private RpcRequestService requests;

    @BeforeEach
    void setUp() throws ReflectiveOperationException {
        db = new MigratedH2();
        em = db.em();
        Outbox outbox = new Outbox();
        set(outbox, "em", em);
        set(outbox, "queued", new NoEvents<Outbox.Queued>());
        requests = new RpcRequestService();
        requests.em = em;
        requests.outbox = outbox;
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void openingARequestStoresItNotStartedAndQueuesItsMessageInTheSameTransaction() {
        long id = inTransaction(() -> requests.open(2, "fleet_manager", LIST_MACHINES));

        assertEquals(
                new Answer(RpcStatus.NOT_STARTED, JsonValue.NULL),
                requests.read(id).orElseThrow());
        OutboxMessage message = em.createQuery("SELECT m FROM OutboxMessage m", OutboxMessage.class)
                .getSingleResult();
        assertEquals(2, message.exchangeId());
        assertEquals("fleet_manager", message.queue());
        assertEquals("fleet_manager.rpc_request", message.type());
        assertEquals(
                Json.createObjectBuilder()
                        .add("id", id)
                        .add("status", "not_started")
                        .add("request_body", LIST_MACHINES)
                        .addNull("response_body")
                        .add("queue_name", "fleet_manager")
                        .build(),
                Json.createReader(new StringReader(message.body())).readObject());
    }

    @Test
    void aRolledBackRequestLeavesNeitherRowNorMessage() {
        em.getTransaction().begin();
        requests.open(2, "fleet_manager", LIST_MACHINES);
        em.getTransaction().rollback();
        em.clear();

        assertEquals(0, requests.list().size());
        assertEquals(
                0L,
                em.createQuery("SELECT COUNT(m) FROM OutboxMessage m", Long.class)
                        .getSingleResult());
    }

    @Test
    void theFirstAnswerIsKeptAndASecondOneRefused() {
        long id = inTransaction(() -> requests.open(2, "fleet_manager", LIST_MACHINES));
        JsonValue machines = Json.createArrayBuilder().add("m1").build();

        assertTrue(inTransaction(() -> requests.answer(id, RpcStatus.COMPLETED, machines)));
        assertFalse(inTransaction(() -> requests.answer(id, RpcStatus.ERROR, JsonValue.NULL)));

        assertEquals(
                new Answer(RpcStatus.COMPLETED, machines), requests.read(id).orElseThrow());
    }

    @Test
    void anAnswerForADeletedRequestIsRefused() {
        long id = inTransaction(() -> requests.open(2, "fleet_manager", LIST_MACHINES));
        inTransaction(() -> {
            requests.forget(id);
            return null;
        });

        assertFalse(inTransaction(() -> requests.answer(id, RpcStatus.COMPLETED, JsonValue.TRUE)));
        assertTrue(requests.read(id).isEmpty());
    }

    @Test
    void anAnswerWrittenBehindJpasBackIsRead() throws SQLException {
        long id = inTransaction(() -> requests.open(2, "fleet_manager", LIST_MACHINES));
        requests.read(id);
        try (Connection c = db.jdbc();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE messaging_rpc_requests SET status = 'error', response_body = ? WHERE id = ?")) {
            update.setString(1, "{\"errors\":[\"no\"]}");
            update.setLong(2, id);
            update.executeUpdate();
        }
        em.clear();

        assertEquals(RpcStatus.ERROR, requests.read(id).orElseThrow().status());
    }

    @Test
    void aStatusTheRulesDoNotKnowCountsAsInProgress() {
        long id = inTransaction(() -> requests.create("pending", null, null).id());

        assertEquals(RpcStatus.IN_PROGRESS, requests.read(id).orElseThrow().status());
        assertTrue(inTransaction(() -> requests.answer(id, RpcStatus.COMPLETED, JsonValue.NULL)));
    }

    private <T> T inTransaction(Supplier<T> work) {
        em.getTransaction().begin();
        T result = work.get();
        em.getTransaction().commit();
        em.clear();
        return result;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    /** The relay is not part of these tests: events go nowhere. */
    static final class NoEvents<T> implements Event<T> {
        @Override
        public void fire(T event) {}

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
