package org.openaperture.deployer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.TestOutbox.json;

import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.processed.application.ProcessedMessagesOn;
import org.openaperture.testing.MigratedH2;
import org.openaperture.testing.TestOutbox;
import org.openaperture.worker.domain.MilestoneCallback;
import org.openaperture.worker.domain.MilestoneRequest;

/**
 * What the Deployer queues, on H2 migrated by Flyway with the real outbox: accepting a request once per message
 * id, notifications, and the step_completed/step_failed callbacks to the orchestrator's queue.
 */
class DeployerCallbacksTest {
    private static final String REQUEST = "{\"id\":\"wf-2\",\"current_step\":\"deploy\",\"orchestration_dispatch_id\":"
            + "\"d-2\",\"workflow_orchestration_exchange_id\":7,\"notifications_exchange_id\":8,"
            + "\"orchestration_queue_name\":\"workflow_orchestration\",\"etcd_token\":\"tok\"}";

    private MigratedH2 db;
    private EntityManager em;
    private DeployerCallbacks callbacks;
    private DeployerRequests requests;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        callbacks = new DeployerCallbacks();
        callbacks.outbox = TestOutbox.on(em);
        requests = new DeployerRequests();
        requests.processed = ProcessedMessagesOn.entityManager(em);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private <T> T tx(Supplier<T> work) {
        return db.tx(work);
    }

    @Test
    void aMessageIsAcceptedOncePerQueue() {
        assertTrue(tx(() -> requests.accept(REQUEST, "m-1", "deployer")).isPresent());
        assertFalse(tx(() -> requests.accept(REQUEST, "m-1", "deployer")).isPresent(), "a redelivery");
        assertThrows(MilestoneRequest.Invalid.class, () -> tx(() -> requests.accept("[]", "m-2", "deploy_oa")));
    }

    @Test
    void callbacksGoToTheOrchestratorAndAFailureIsAlsoSaidInChat() {
        MilestoneRequest request = MilestoneRequest.parse(REQUEST);
        tx(() -> {
            callbacks.notify(request, true, "Starting to monitor 1 units...");
            callbacks.callBack(
                    request, MilestoneCallback.completed(request, JsonValue.EMPTY_JSON_OBJECT, List.of()), null);
            callbacks.callBack(
                    request,
                    MilestoneCallback.failed(
                            request, JsonValue.EMPTY_JSON_OBJECT, List.of(), "None of the units have deployed"),
                    "Deployment has failed!");
            return null;
        });
        List<OutboxMessage> toOrchestrator = outbox("workflow_orchestration");
        assertEquals(
                List.of("deployer.step_completed", "deployer.step_failed"),
                toOrchestrator.stream().map(OutboxMessage::type).sorted().toList());
        assertEquals(7L, toOrchestrator.get(0).exchangeId());
        List<String> chat = outbox("notifications_hipchat").stream()
                .map(m -> json(m).getString("message"))
                .sorted()
                .toList();
        assertEquals(List.of("Deployment has failed!", "Starting to monitor 1 units..."), chat);
        assertEquals("[OA][wf-2]", json(outbox("notifications_hipchat").get(0)).getString("prefix"));
    }

    private List<OutboxMessage> outbox(String queue) {
        return TestOutbox.queued(em, queue);
    }
}
