package org.openaperture.builder.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.TestOutbox.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.processed.application.ProcessedMessagesOn;
import org.openaperture.node.NodeConfig;
import org.openaperture.testing.MigratedH2;
import org.openaperture.testing.TestOutbox;
import org.openaperture.worker.domain.MilestoneCallback;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * Accepting a request (idempotent by message id) and what the Builder queues, on H2 migrated by Flyway with the
 * real outbox: the §10.2 Dispatcher's acknowledge, reject and step_completed/step_failed publishing.
 */
class BuilderRequestsTest {
    private static final String REQUEST = "{\"id\":\"wf-1\",\"current_step\":\"build\",\"orchestration_dispatch_id\":"
            + "\"d-1\",\"workflow_orchestration_exchange_id\":7,\"notifications_exchange_id\":8,"
            + "\"orchestration_queue_name\":\"workflow_orchestration\"}";

    private MigratedH2 db;
    private EntityManager em;
    private BuilderRequests requests;
    private BuilderCallbacks callbacks;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        Outbox outbox = TestOutbox.on(em);
        requests = new BuilderRequests();
        requests.processed = ProcessedMessagesOn.entityManager(em);
        requests.outbox = outbox;
        requests.node = new NodeConfig() {
            @Override
            public String hostname() {
                return "build-1";
            }
        };
        callbacks = new BuilderCallbacks();
        callbacks.outbox = outbox;
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private <T> T tx(Supplier<T> work) {
        return db.tx(work);
    }

    @Test
    void acknowledgeOnceAndSayItIsBeingProcessed() {
        Optional<MilestoneRequest> first = tx(() -> requests.accept(REQUEST, "m-1"));
        assertTrue(first.isPresent());
        assertEquals("build", first.get().step());
        assertFalse(tx(() -> requests.accept(REQUEST, "m-1")).isPresent(), "a redelivery starts nothing");

        List<OutboxMessage> chats = outbox("notifications_hipchat");
        assertEquals(1, chats.size());
        assertEquals(8L, chats.get(0).exchangeId());
        assertEquals(
                "Build/Config request is being processed by Builder build-1",
                json(chats.get(0)).getString("message"));
    }

    @Test
    void rejectAMessageThatIsNoRequestAndRecordNothing() {
        assertThrows(MilestoneRequest.Invalid.class, () -> tx(() -> requests.accept("{\"current_step\":1}", "m-2")));
        assertTrue(tx(() -> requests.accept(REQUEST, "m-2")).isPresent());
    }

    @Test
    void stepCompletedAndStepFailedGoToTheOrchestratorsQueue() {
        MilestoneRequest request = MilestoneRequest.parse(REQUEST);
        tx(() -> {
            callbacks.callBack(
                    request,
                    MilestoneCallback.completed(
                            request, Json.createObjectBuilder().build(), List.of()));
            callbacks.callBack(
                    request,
                    MilestoneCallback.failed(request, Json.createObjectBuilder().build(), List.of(), "no"));
            callbacks.buildLog(8, "wf-1", List.of("a", "b"));
            return null;
        });
        List<OutboxMessage> toOrchestrator = outbox("workflow_orchestration");
        assertEquals(2, toOrchestrator.size());
        assertEquals(7L, toOrchestrator.get(0).exchangeId());
        assertEquals(
                List.of("builder.step_completed", "builder.step_failed"),
                toOrchestrator.stream().map(OutboxMessage::type).sorted().toList());
        assertEquals(1, outbox("notifications_hipchat").size(), "a failed step also notifies");
        JsonObject logs = json(outbox("build_logs").get(0));
        assertEquals("wf-1", logs.getString("workflow_id"));
        assertEquals(2, logs.getJsonArray("logs").size());
    }

    private List<OutboxMessage> outbox(String queue) {
        return TestOutbox.queued(em, queue);
    }
}
