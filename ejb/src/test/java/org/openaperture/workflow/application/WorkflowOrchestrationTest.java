package org.openaperture.workflow.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.Fields.inject;
import static org.openaperture.testing.TestOutbox.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.StateConflictException;
import org.openaperture.common.domain.Timestamps;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.application.NodeIdentity;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.testing.MigratedH2;
import org.openaperture.testing.TestCiphers;
import org.openaperture.testing.TestOutbox;
import org.openaperture.workflow.domain.Workflow;
import org.openaperture.workflow.domain.WorkflowFields;

/**
 * The orchestrator on H2 migrated by Flyway, with EclipseLink: what it stores on the workflow and what it
 * queues in the outbox, in one transaction per message, once per message id.
 */
class WorkflowOrchestrationTest {
    private MigratedH2 db;
    private EntityManager em;
    private WorkflowOrchestration orchestration;

    @BeforeEach
    void setUp() throws SQLException {
        db = new MigratedH2();
        em = db.em();
        orchestration = new WorkflowOrchestration();
        orchestration.em = em;
        Outbox outbox = TestOutbox.on(em);
        orchestration.outbox = outbox;
        ProcessedMessages processed = new ProcessedMessages();
        inject(processed, "em", em);
        orchestration.processed = processed;
        ModuleRegistry modules = new ModuleRegistry();
        inject(modules, "em", em);
        orchestration.modules = modules;
        orchestration.exchanges = new ExchangeService() {
            @Override
            public Optional<Exchange> findByIdOrName(String idOrName) {
                return Optional.of(new Exchange("1".equals(idOrName) ? "US-EAST-1" : "X-" + idOrName, "x", null, null));
            }
        };
        orchestration.node = new NodeIdentity() {
            @Override
            public long exchangeId() {
                return 1;
            }

            @Override
            public Optional<Long> brokerId() {
                return Optional.of(7L);
            }
        };
        orchestration.uiUrl = "https://oa.example.com/";
        orchestration.cipher = TestCiphers.withOneKey();
        db.sql("INSERT INTO messaging_exchanges (id, name, routing_key_fragment, inserted_at, updated_at)"
                + " VALUES (1, 'US-EAST-1', 'us-east-1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void module(long id, String type, String status) throws SQLException {
        db.sql("INSERT INTO messaging_exchange_modules (id, messaging_exchange_id, hostname, type, status, workload,"
                + " inserted_at, updated_at) VALUES (" + id + ", 1, 'host-" + id + "', '" + type + "', '" + status
                + "', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    private <T> T inTransaction(Supplier<T> work) {
        return db.tx(work);
    }

    private String workflow(String milestones, LocalDateTime scheduled) {
        return inTransaction(() -> {
            Workflow w = new Workflow(new WorkflowFields(
                    "org/app_docker",
                    null,
                    "org/app",
                    "main",
                    null,
                    milestones,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null,
                    scheduled,
                    null));
            w.executeWith("{}");
            em.persist(w);
            return w.id();
        });
    }

    private void handle(String body, String messageId) {
        inTransaction(() -> {
            orchestration.handle(body, messageId);
            return null;
        });
    }

    private static String execute(String id) {
        return "{\"id\":\"" + id + "\",\"current_step\":null,\"workflow_completed\":false,"
                + "\"notifications_config\":{\"hipchat\":{\"room_names\":[\"ops\"]},"
                + "\"email\":{\"groups\":{\"team\":[\"a@oa.example\",\"b@oa.example\"]},"
                + "\"events\":{\"on_workflow_completed\":[\"team\",\"c@oa.example\"]}}}}";
    }

    private List<OutboxMessage> outbox(String queue) {
        return TestOutbox.queued(em, queue);
    }

    private Workflow get(String id) {
        em.clear();
        return em.find(Workflow.class, id);
    }

    @Test
    @DisplayName("execute: the build goes to the Builder of the orchestrator's exchange with the §1.7 envelope")
    void executeDispatchesTheFirstMilestone() throws SQLException {
        module(1, "builder", "active");
        String id = workflow("[\"build\",\"deploy\"]", null);

        handle(execute(id), "m-1");

        List<OutboxMessage> builds = outbox("builder");
        assertEquals(1, builds.size());
        assertEquals(1, builds.get(0).exchangeId());
        assertEquals("milestone.build", builds.get(0).type());
        JsonObject envelope = json(builds.get(0));
        assertEquals(id, envelope.getString("id"));
        assertEquals(id, envelope.getString("workflow_id"));
        assertEquals("build", envelope.getString("current_step"));
        assertEquals(1, envelope.getInt("notifications_exchange_id"));
        assertEquals(1, envelope.getInt("workflow_orchestration_exchange_id"));
        assertEquals(7, envelope.getInt("workflow_orchestration_broker_id"));
        assertEquals(7, envelope.getInt("notifications_broker_id"));
        assertEquals("workflow_orchestration", envelope.getString("orchestration_queue_name"));
        assertEquals(
                List.of("ops"),
                envelope.getJsonObject("notifications_config")
                        .getJsonObject("hipchat")
                        .getJsonArray("room_names")
                        .getValuesAs(jakarta.json.JsonString::getString));
        assertNotNull(envelope.getString("workflow_start_time"));
        assertNotNull(envelope.getString("step_time"));

        Workflow w = get(id);
        assertEquals("build", w.fields().currentStep());
        assertEquals(
                envelope.getString("orchestration_dispatch_id"),
                w.run().running().dispatchId());
        assertTrue(
                w.eventLogEntries().contains("[OA][" + id + "][org/app_docker] Starting Workflow Milestone: :build"));
        List<OutboxMessage> chat = outbox("notifications_hipchat");
        assertEquals(w.eventLogEntries().size(), chat.size());
        assertEquals("[OA][" + id + "][org/app_docker]", json(chat.get(0)).getString("prefix"));
        assertEquals(
                Optional.of("build on builder of US-EAST-1 since "
                        + Timestamps.rfc1123(w.run().stepStartedAt())),
                orchestration.waitingFor(w));
    }

    @Test
    @DisplayName("start_link: workflow creation fails → the execute request for an unknown workflow is refused")
    void startLink_workflowCreationFails_refusedAndNothingQueued() throws SQLException {
        module(1, "builder", "active");
        String unknown = java.util.UUID.randomUUID().toString();

        UnknownEntityException refused =
                assertThrows(UnknownEntityException.class, () -> handle(execute(unknown), "m-1"));

        assertTrue(refused.getMessage().contains(unknown), refused.getMessage());
        assertTrue(em.createQuery("SELECT m FROM OutboxMessage m", OutboxMessage.class)
                .getResultList()
                .isEmpty());
    }

    @Test
    @DisplayName("send_workflow_completed_email: no email config → the workflow completes and no email is queued")
    void sendWorkflowCompletedEmail_noEmailConfig_nothingSent() throws SQLException {
        module(1, "builder", "active");
        String id = workflow("[\"build\"]", null);
        handle(
                "{\"id\":\"" + id + "\",\"current_step\":null,\"workflow_completed\":false,"
                        + "\"notifications_config\":{\"hipchat\":{\"room_names\":[\"ops\"]}}}",
                "m-1");
        JsonObject build = json(outbox("builder").get(0));

        handle(build.toString(), "m-2");

        Workflow w = get(id);
        assertTrue(w.run().completed());
        assertFalse(w.run().error());
        assertTrue(outbox("notifications_email").isEmpty());
        assertFalse(outbox("notifications_hipchat").isEmpty());
        assertFalse(w.eventLogEntries().stream().anyMatch(e -> e.contains("email notification")));
    }

    @Test
    @DisplayName("a redelivered message id has no effect a second time")
    void redeliveryIsIgnored() throws SQLException {
        module(1, "builder", "active");
        String id = workflow("[\"build\"]", null);

        handle(execute(id), "m-1");
        handle(execute(id), "m-1");

        assertEquals(1, outbox("builder").size());
    }

    @Test
    @DisplayName("§12.13: an inactive Builder does not count; the workflow fails saying where none is")
    void noActiveBuilderFailsTheWorkflow() throws SQLException {
        module(1, "builder", "inactive");
        String id = workflow("[\"build\"]", null);

        handle(execute(id), "m-1");

        Workflow w = get(id);
        assertTrue(w.run().failed());
        assertEquals(
                "Unable to request build - no Builders are currently accessible in exchange 1!",
                w.run().failureReason());
        assertTrue(outbox("builder").isEmpty());
        List<OutboxMessage> email = outbox("notifications_email");
        assertEquals(1, email.size());
        assertEquals(
                "FAILED - [OA][" + id + "][org/app_docker]", json(email.get(0)).getString("prefix"));
        assertEquals(
                List.of("a@oa.example", "b@oa.example", "c@oa.example"),
                json(email.get(0))
                        .getJsonObject("notifications")
                        .getJsonArray("email_addresses")
                        .getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(json(email.get(0))
                .getString("message")
                .endsWith("https://oa.example.com/index.html#/oa/workflows/workflows/" + id));
    }

    @Test
    @DisplayName("a worker's callback closes its step, keeps what the worker added and dispatches the next")
    void callbackDispatchesTheNextMilestone() throws SQLException {
        module(1, "builder", "active");
        module(2, "deployer", "active");
        String id = workflow("[\"build\",\"deploy\"]", null);
        handle(execute(id), "m-1");
        JsonObject build = json(outbox("builder").get(0));
        String callback = Json.createObjectBuilder(build)
                .add(
                        "deployable_units",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "app")))
                .add(
                        "event_log",
                        Json.createArrayBuilder(build.getJsonArray("event_log")).add("[OA][" + id + "] built"))
                .build()
                .toString();

        handle(callback, "m-2");

        List<OutboxMessage> deploys = outbox("deployer");
        assertEquals(1, deploys.size());
        JsonObject deploy = json(deploys.get(0));
        assertEquals("deploy", deploy.getString("current_step"));
        assertEquals(
                "app", deploy.getJsonArray("deployable_units").getJsonObject(0).getString("name"));
        Workflow w = get(id);
        assertTrue(w.run().stepDurations().containsKey("build"));
        assertTrue(w.eventLogEntries().contains("[OA][" + id + "] built"));

        handle(callback, "m-3");
        assertEquals(1, outbox("deployer").size(), "a second callback for the build is stale");
    }

    @Test
    @DisplayName("a poison message that names a workflow: refused (to be dead-lettered), and the workflow fails")
    void poisonMessageFailsTheWorkflowItNames() throws SQLException {
        module(1, "builder", "active");
        String id = workflow("[\"build\"]", null);
        handle(execute(id), "m-1");

        RuntimeException refused = assertThrows(
                RuntimeException.class, () -> handle("{\"id\":\"" + id + "\",\"current_step\":42}", "m-2"));
        var poison = OrchestrationFailures.notUnderstood(refused).orElseThrow();
        assertEquals(Optional.of(id), poison.workflowId());
        inTransaction(() -> {
            orchestration.failPoisoned(id, poison.reason());
            return null;
        });

        Workflow w = get(id);
        assertTrue(w.run().failed());
        assertTrue(
                w.run().failureReason().contains("current_step must be a string"),
                w.run().failureReason());
        assertTrue(OrchestrationFailures.notUnderstood(
                        assertThrows(RuntimeException.class, () -> handle("not json", "m-3")))
                .orElseThrow()
                .workflowId()
                .isEmpty());
    }

    @Test
    @DisplayName("a scheduled start waits for a wake-up queued in the outbox for that time, then goes on")
    void scheduledStartWaitsForAPersistentWakeUp() throws SQLException {
        module(1, "builder", "active");
        LocalDateTime start = Timestamps.nowUtc().plusMinutes(30).withNano(0);
        String id = workflow("[\"scheduled\",\"build\"]", start);

        handle(execute(id), "m-1");

        List<OutboxMessage> wakes = outbox("workflow_orchestration");
        assertEquals(1, wakes.size());
        assertTrue(outbox("builder").isEmpty());
        Workflow waiting = get(id);
        assertEquals(start, waiting.run().wakeAt());
        assertTrue(orchestration.waitingFor(waiting).orElseThrow().startsWith("scheduled start at "));
        List<OutboxMessage> due = em.createNamedQuery(OutboxMessage.DUE_IDS, String.class)
                .setParameter("now", Timestamps.nowUtc())
                .getResultStream()
                .map(dueId -> em.find(OutboxMessage.class, dueId))
                .toList();
        assertFalse(due.stream().anyMatch(m -> m.queue().equals("workflow_orchestration")), "not due before the start");

        db.sql("UPDATE workflows SET scheduled_start_time = DATEADD('MINUTE', -1, CURRENT_TIMESTAMP) WHERE id = '" + id
                + "'");
        handle(wakes.get(0).body(), wakes.get(0).id());

        assertEquals(1, outbox("builder").size());
        assertNull(get(id).run().wakeAt());
    }

    @Test
    @DisplayName("cancel tells the Builder to stop; retry is refused for a cancelled workflow and resumes a failed one")
    void cancelAndRetry() throws SQLException {
        module(1, "builder", "active");
        String id = workflow("[\"build\"]", null);
        handle(execute(id), "m-1");

        inTransaction(() -> orchestration.cancel(id));

        List<OutboxMessage> stops = outbox("builder").stream()
                .filter(m -> m.type().equals("milestone.cancel"))
                .toList();
        assertEquals(1, stops.size());
        assertEquals("cancel", json(stops.get(0)).getString("action"));
        assertTrue(get(id).run().cancelled());
        assertThrows(StateConflictException.class, () -> inTransaction(() -> orchestration.retry(id)));
        assertThrows(StateConflictException.class, () -> inTransaction(() -> orchestration.cancel(id)));

        String other = workflow("[\"build\"]", null);
        handle(execute(other), "m-2");
        handle(json(outbox("builder").get(0)).toString().replace(id, other), "m-3"); // stale: other dispatch id
        JsonObject dispatched = outbox("builder").stream()
                .map(TestOutbox::json)
                .filter(b -> b.getString("id").equals(other))
                .findFirst()
                .orElseThrow();
        handle(
                Json.createObjectBuilder(dispatched)
                        .add("workflow_error", true)
                        .add("workflow_completed", true)
                        .add("failure_reason", "docker build failed")
                        .build()
                        .toString(),
                "m-4");
        assertTrue(get(other).run().failed());

        inTransaction(() -> orchestration.retry(other));

        assertEquals(
                2,
                outbox("builder").stream()
                        .filter(m -> m.type().equals("milestone.build")
                                && json(m).getString("id").equals(other))
                        .count());
        assertFalse(get(other).run().completed());
    }
}
