package org.openaperture.overseer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.Fields.inject;

import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openaperture.messaging.outbox.application.Outbox;
import org.openaperture.messaging.outbox.domain.OutboxMessage;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.NodeIdentity;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;
import org.openaperture.overseer.domain.UpgradeRules;
import org.openaperture.overseer.domain.UpgradeStatus;
import org.openaperture.system.application.SystemComponentRefService;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.application.SystemEventService;
import org.openaperture.system.domain.SystemComponent;
import org.openaperture.system.domain.SystemComponentRef;
import org.openaperture.system.domain.SystemEvent;
import org.openaperture.testing.MigratedH2;
import org.openaperture.testing.TestOutbox;
import org.openaperture.workflow.application.WorkflowService;
import org.openaperture.workflow.domain.Workflow;

/**
 * The Overseer's upgrades on H2 migrated by Flyway, with the real workflow service and outbox: the §10.6
 * Dispatcher cases for {@code upgrade_request}, ComponentMgr.request_upgrade, and a whole upgrade followed
 * by the monitor (MonitorTask.check_upgrade_status) to its end.
 */
class OverseerUpgradesTest {
    private static final long EXCHANGE = 1;

    private MigratedH2 db;
    private EntityManager em;
    private Upgrades upgrades;
    private OverseerRequests requests;
    private UpgradeMonitor monitor;

    @BeforeEach
    void setUp() throws SQLException {
        db = new MigratedH2();
        em = db.em();
        Outbox outbox = TestOutbox.on(em);
        SystemComponentService components = new SystemComponentService();
        inject(components, "em", em);
        inject(components, "outbox", outbox);
        SystemComponentRefService refs = new SystemComponentRefService();
        inject(refs, "em", em);
        WorkflowService workflows = new WorkflowService();
        inject(workflows, "em", em);
        inject(workflows, "outbox", outbox);
        inject(workflows, "node", new NodeIdentity() {
            @Override
            public long exchangeId() {
                return EXCHANGE;
            }

            @Override
            public Optional<Long> brokerId() {
                return Optional.empty();
            }
        });
        upgrades = new Upgrades();
        upgrades.components = components;
        upgrades.refs = refs;
        upgrades.workflows = workflows;
        SystemEventService events = new SystemEventService();
        inject(events, "em", em);
        ExchangeService exchanges = new ExchangeService() {
            @Override
            public Optional<Exchange> findByIdOrName(String idOrName) {
                Exchange exchange = em.find(Exchange.class, EXCHANGE);
                return "US-EAST-1".equals(idOrName) ? Optional.of(exchange) : Optional.empty();
            }
        };
        NodeConfig node = new NodeConfig() {
            @Override
            public String exchange() {
                return "US-EAST-1";
            }

            @Override
            public String hostname() {
                return "overseer-1";
            }
        };
        requests = new OverseerRequests();
        requests.upgrades = upgrades;
        requests.exchanges = exchanges;
        requests.events = events;
        requests.node = node;
        monitor = new UpgradeMonitor();
        monitor.upgrades = upgrades;
        monitor.exchanges = exchanges;
        monitor.node = node;
        db.sql("INSERT INTO messaging_exchanges (id, name, routing_key_fragment, inserted_at, updated_at)"
                + " VALUES (1, 'US-EAST-1', 'us-east-1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static long componentId(String type) {
        return type.hashCode() & 0xffff;
    }

    private long component(String type, String strategy, String sourceRef) throws SQLException {
        long id = componentId(type);
        db.sql("INSERT INTO system_components (id, messaging_exchange_id, type, source_repo, source_repo_git_ref,"
                + " deployment_repo, deployment_repo_git_ref, upgrade_strategy, status, inserted_at, updated_at)"
                + " VALUES (" + id + ", 1, '" + type + "', 'org/" + type + "', '" + sourceRef + "', 'org/" + type
                + "_docker', 'master', '" + strategy + "', 'upgrade_completed', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)");
        return id;
    }

    private void ref(String type, String sourceRef, boolean auto) throws SQLException {
        db.sql("INSERT INTO system_component_refs (id, type, source_repo, source_repo_git_ref, auto_upgrade_enabled,"
                + " inserted_at, updated_at) VALUES (" + componentId(type) + ", '" + type + "', 'org/" + type
                + "', '" + sourceRef + "', " + auto + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    /** An hourly {@code type} at v1 with v2 to upgrade to, and its upgrade requested: the upgrade's workflows. */
    private List<String> upgradeRequested(String type) throws SQLException {
        component(type, "hourly", "v1");
        ref(type, "v2", true);
        return tx(() -> upgrades.request(EXCHANGE, type)).workflowIds();
    }

    private static String upgradeRequest(String type) {
        return "{\"action\":\"upgrade_request\",\"options\":{\"component_type\":\"" + type + "\"}}";
    }

    private SystemComponent.Details details(long id) {
        em.clear();
        return em.find(SystemComponent.class, id).details();
    }

    private List<OutboxMessage> orchestrationRequests() {
        return em.createQuery("SELECT m FROM OutboxMessage m", OutboxMessage.class).getResultList().stream()
                .filter(m -> WorkflowService.ORCHESTRATION_QUEUE.equals(m.queue()))
                .toList();
    }

    /** The orchestrator's verdict on a workflow, written as it would write it. */
    private void finish(String workflowId, boolean error) throws SQLException {
        db.sql("UPDATE workflows SET workflow_completed = TRUE, workflow_error = " + error + " WHERE id = '"
                + workflowId + "'");
    }

    @Nested
    class Dispatcher {
        @Test
        void upgradeRequest_theTypesManagerIsAskedForAnUpgrade_thenAck() throws SQLException {
            long id = component("builder", "hourly", "v1");
            ref("builder", "v2", true);

            Upgrades.Outcome outcome =
                    tx(() -> requests.handle(upgradeRequest("builder"))).orElseThrow();

            assertEquals(Upgrades.Result.STARTED, outcome.result());
            assertEquals(1, outcome.workflowIds().size());
            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.UPGRADE_IN_PROGRESS, d.status());
            UpgradeStatus status = UpgradeStatus.parse(d.upgradeStatusJson());
            assertEquals(outcome.workflowIds(), status.workflows());
            assertEquals(outcome.workflowIds().get(0), status.currentWorkflow());
            assertEquals("v2", status.targetSourceRepoGitRef());
            Workflow workflow = em.find(Workflow.class, outcome.workflowIds().get(0));
            assertEquals("[\"config\",\"deploy_oa\"]", workflow.fields().milestonesJson());
            assertEquals("org/builder_docker", workflow.fields().deploymentRepo());
            assertEquals("v2", workflow.fields().sourceRepoGitRef());
            // Executed through the orchestrator's normal path: its request is queued.
            List<OutboxMessage> queued = orchestrationRequests();
            assertEquals(1, queued.size());
            JsonObject body =
                    Json.createReader(new StringReader(queued.get(0).body())).readObject();
            assertEquals(outcome.workflowIds().get(0), body.getString("id"));
        }

        @Test
        void otherAction_ackOnly() throws SQLException {
            long id = component("builder", "hourly", "v1");
            ref("builder", "v2", true);

            assertEquals(Optional.empty(), tx(() -> requests.handle("{\"action\":\"reboot_everything\"}")));

            assertEquals("upgrade_completed", details(id).status());
            assertEquals(List.of(), orchestrationRequests());
        }

        @Test
        void unreadableRequest_unhandledExceptionEventOfTheOverseer_thenAck() {
            assertEquals(Optional.empty(), tx(() -> requests.handle("not json")));

            List<SystemEvent> events = em.createQuery("SELECT e FROM SystemEvent e", SystemEvent.class)
                    .getResultList();
            assertEquals(1, events.size());
            assertEquals("unhandled_exception", events.get(0).type());
            assertTrue(events.get(0).dataJson().contains("\"component\":\"overseer\""));
        }
    }

    @Nested
    class ComponentMgr {
        @Test
        void requestUpgrade_returnsTheExistingUpgrade() throws SQLException {
            component("builder", "hourly", "v1");
            ref("builder", "v2", true);
            tx(() -> upgrades.request(EXCHANGE, "builder"));

            Upgrades.Outcome second = tx(() -> upgrades.request(EXCHANGE, "builder"));

            assertEquals(Upgrades.Result.ALREADY_RUNNING, second.result());
            assertEquals(1, orchestrationRequests().size());
        }

        @Test
        void requestUpgrade_manualStrategy_refusedAndTheRefsSourceNotCopied() throws SQLException {
            long id = component("builder", "manual", "v1");
            ref("builder", "v2", true);

            Upgrades.Outcome outcome = tx(() -> upgrades.request(EXCHANGE, "builder"));

            assertEquals(Upgrades.Result.INELIGIBLE, outcome.result());
            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.INELIGIBLE, d.status());
            assertEquals(
                    "The upgrade strategy is manual",
                    UpgradeStatus.parse(d.upgradeStatusJson()).failureReason());
            assertEquals("v1", d.sourceRepoGitRef());
            assertEquals(List.of(), orchestrationRequests());
        }

        @Test
        void requestUpgrade_unknownType_nothing() {
            assertEquals(
                    Upgrades.Result.NO_COMPONENT,
                    tx(() -> upgrades.request(EXCHANGE, "builder")).result());
        }
    }

    @Nested
    class MonitorTask {
        @Test
        void checkUpgradeStatus_inProgress_upgradeInProgress() throws SQLException {
            long id = componentId("builder");
            upgradeRequested("builder");

            assertEquals(Optional.of(UpgradeRules.Step.WAIT), tx(() -> upgrades.check(id)));
            assertEquals(UpgradeRules.UPGRADE_IN_PROGRESS, details(id).status());
        }

        @Test
        void checkUpgradeStatus_errored_upgradeFailed() throws SQLException {
            long id = componentId("builder");
            String workflow = upgradeRequested("builder").get(0);
            finish(workflow, true);

            assertEquals(Optional.of(UpgradeRules.Step.FAIL), tx(() -> upgrades.check(id)));
            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.UPGRADE_FAILED, d.status());
            assertEquals(
                    "Upgrade has failed - Workflow " + workflow + " has failed!",
                    UpgradeStatus.parse(d.upgradeStatusJson()).failureReason());
            assertEquals(Optional.empty(), tx(() -> upgrades.check(id)));
        }

        @Test
        void checkUpgradeStatus_deployer_notStartedSecondExecuted_thenCompleted() throws SQLException {
            long id = componentId("deployer");
            List<String> ids = upgradeRequested("deployer");
            assertEquals(2, ids.size());
            assertEquals(
                    "org/deployer_docker_oa",
                    em.find(Workflow.class, ids.get(1)).fields().deploymentRepo());
            finish(ids.get(0), false);

            assertEquals(Optional.of(UpgradeRules.Step.EXECUTE), tx(() -> upgrades.check(id)));
            assertEquals(2, orchestrationRequests().size());
            assertEquals(
                    ids.get(1),
                    UpgradeStatus.parse(details(id).upgradeStatusJson()).currentWorkflow());
            assertEquals(Optional.of(UpgradeRules.Step.WAIT), tx(() -> upgrades.check(id)));
            finish(ids.get(1), false);

            assertEquals(Optional.of(UpgradeRules.Step.COMPLETE), tx(() -> upgrades.check(id)));
            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.UPGRADE_COMPLETED, d.status());
            assertEquals("v2", d.sourceRepoGitRef());
            assertNull(d.upgradeStatusJson());
        }

        @Test
        void checkUpgradeStatus_notStarted_executeFails_errorAndStillInProgress() throws SQLException {
            long id = componentId("deployer");
            List<String> ids = upgradeRequested("deployer");
            finish(ids.get(0), false);
            WorkflowService working = upgrades.workflows;
            upgrades.workflows = failingExecute(working);

            RuntimeException e = assertThrows(RuntimeException.class, () -> tx(() -> upgrades.check(id)));

            assertEquals("the workflow service is down", e.getMessage());
            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.UPGRADE_IN_PROGRESS, d.status());
            assertEquals(ids.get(0), UpgradeStatus.parse(d.upgradeStatusJson()).currentWorkflow());
            assertEquals(1, orchestrationRequests().size());
            assertEquals(
                    new UpgradeMonitor.Round(0, 0),
                    tx(() -> monitor.run(new HourlyUpgrades(() -> Duration.ofHours(1)), Instant.EPOCH))
                            .orElseThrow(),
                    "the monitor logs it and follows the upgrade again next round");
            assertEquals(UpgradeRules.UPGRADE_IN_PROGRESS, details(id).status());

            upgrades.workflows = working;
            assertEquals(Optional.of(UpgradeRules.Step.EXECUTE), tx(() -> upgrades.check(id)));
            assertEquals(2, orchestrationRequests().size());
        }

        @Test
        void checkUpgradeStatus_aWorkflowDeleted_upgradeFailed() throws SQLException {
            long id = componentId("builder");
            String workflow = upgradeRequested("builder").get(0);
            db.sql("DELETE FROM workflows WHERE id = '" + workflow + "'");

            assertEquals(Optional.of(UpgradeRules.Step.FAIL), tx(() -> upgrades.check(id)));
            assertEquals(UpgradeRules.UPGRADE_FAILED, details(id).status());
        }
    }

    @Nested
    class ComponentStatusMgr {
        @Test
        void hourly_upgradeCouldNotBeStarted_upgradeFailedWithTheReason() throws SQLException {
            long id = component("builder", "hourly", "v1");
            ref("builder", "v2", true);
            upgrades.refs = new SystemComponentRefService() {
                @Override
                public List<SystemComponentRef> list() {
                    // As the container hands a bean's failure to its caller.
                    throw new EJBException(new IllegalStateException("refs table unavailable"));
                }
            };
            HourlyUpgrades hourly = new HourlyUpgrades(() -> Duration.ZERO);

            assertEquals(
                    new UpgradeMonitor.Round(0, 1),
                    tx(() -> monitor.run(hourly, Instant.EPOCH)).orElseThrow());

            SystemComponent.Details d = details(id);
            assertEquals(UpgradeRules.UPGRADE_FAILED, d.status());
            assertEquals(
                    "Upgrade could not be started: refs table unavailable",
                    UpgradeStatus.parse(d.upgradeStatusJson()).failureReason());
            assertEquals(List.of(), orchestrationRequests());
        }

        @Test
        void fail_recordsUpgradeFailedWithTheReason_otherTypesUntouched() throws SQLException {
            long builder = component("builder", "hourly", "v1");
            long notifications = component("notifications", "hourly", "v1");

            tx(() -> {
                upgrades.fail(EXCHANGE, "builder", "Upgrade could not be started: no database");
                upgrades.fail(EXCHANGE, "overseer", "no such component: nothing to record");
                return null;
            });

            SystemComponent.Details d = details(builder);
            assertEquals(UpgradeRules.UPGRADE_FAILED, d.status());
            assertEquals(
                    "Upgrade could not be started: no database",
                    UpgradeStatus.parse(d.upgradeStatusJson()).failureReason());
            assertEquals("v1", d.sourceRepoGitRef());
            assertEquals("upgrade_completed", details(notifications).status());
        }

        @Test
        void hourly_requestsTheUpgradeWhenDue_andFollowsItAfterwards() throws SQLException {
            long id = component("builder", "hourly", "v1");
            component("notifications", "manual", "v1");
            ref("builder", "v2", true);
            ref("notifications", "v2", true);
            HourlyUpgrades hourly = new HourlyUpgrades(() -> Duration.ofMinutes(10));
            Instant now = Instant.parse("2026-11-30T10:00:00Z");

            assertEquals(
                    new UpgradeMonitor.Round(0, 0), monitor.run(hourly, now).orElseThrow());
            assertEquals(
                    new UpgradeMonitor.Round(0, 1),
                    tx(() -> monitor.run(hourly, now.plus(Duration.ofMinutes(10))))
                            .orElseThrow());
            assertEquals(UpgradeRules.UPGRADE_IN_PROGRESS, details(id).status());
            assertEquals(
                    new UpgradeMonitor.Round(1, 0),
                    tx(() -> monitor.run(hourly, now.plus(Duration.ofHours(2)))).orElseThrow());
        }
    }

    /** A workflow service whose reads work and whose execute fails, as when the orchestrator's request cannot be stored. */
    private WorkflowService failingExecute(WorkflowService working) {
        WorkflowService failing = new WorkflowService() {
            @Override
            public String execute(String id, JsonObject options) {
                throw new IllegalStateException("the workflow service is down");
            }
        };
        try {
            for (var f : WorkflowService.class.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    f.set(failing, f.get(working));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return failing;
    }

    private <T> T tx(Supplier<T> work) {
        return db.tx(work);
    }
}
