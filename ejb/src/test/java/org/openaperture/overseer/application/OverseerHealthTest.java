package org.openaperture.overseer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.testing.Fields.inject;

import jakarta.enterprise.inject.Instance;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.messaging.processed.application.ProcessedMessagesOn;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeModule;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.application.SystemEventService;
import org.openaperture.system.domain.SystemEvent;
import org.openaperture.testing.MigratedH2;

/**
 * On H2 migrated by Flyway: lasting conditions raised once and cleared (the system events of §8.5), the
 * health check over a fleet that changes between checks, and the §10.6 Modules Listener cases with the
 * module version check.
 */
class OverseerHealthTest {
    private MigratedH2 db;
    private EntityManager em;
    private SystemEventService events;
    private ModuleRegistry modules;
    private ExchangeService exchanges;
    private final List<String> components = new ArrayList<>(List.of("manager", "fleet_manager", "overseer"));
    private String ownVersion = "1.0.0";

    @BeforeEach
    void setUp() throws SQLException {
        db = new MigratedH2();
        em = db.em();
        events = new SystemEventService();
        inject(events, "em", em);
        modules = new ModuleRegistry();
        inject(modules, "em", em);
        exchanges = new ExchangeService() {
            @Override
            public Optional<Exchange> findByIdOrName(String idOrName) {
                return Optional.ofNullable(em.find(Exchange.class, 1L));
            }
        };
        db.sql("INSERT INTO messaging_exchanges (id, name, routing_key_fragment, inserted_at, updated_at)"
                + " VALUES (1, 'US-EAST-1', 'us-east-1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private NodeConfig node() {
        return new NodeConfig() {
            @Override
            public String exchange() {
                return "US-EAST-1";
            }

            @Override
            public List<String> components() {
                return components;
            }

            @Override
            public String hostname() {
                return "overseer-1";
            }

            @Override
            public Optional<String> version() {
                return Optional.ofNullable(ownVersion);
            }
        };
    }

    private List<SystemEvent> events(String type) {
        em.clear();
        return em.createQuery("SELECT e FROM SystemEvent e WHERE e.type = :t ORDER BY e.id", SystemEvent.class)
                .setParameter("t", type)
                .getResultList();
    }

    private static SystemEventService.Condition condition(String key) {
        return new SystemEventService.Condition(
                key,
                "failed_unit",
                "warning",
                "x",
                Json.createObjectBuilder().add("k", key).build());
    }

    @Nested
    class Conditions {
        @Test
        void raiseOnce_whileOpen_raisedOnlyOnce() {
            assertTrue(tx(() -> events.raiseOnce("a:1", "failed_unit", "warning", "m", JsonValue.NULL))
                    .isPresent());
            assertTrue(tx(() -> events.raiseOnce("a:1", "failed_unit", "warning", "m", JsonValue.NULL))
                    .isEmpty());
            assertEquals(1, events("failed_unit").size());
        }

        @Test
        void clear_thenTheConditionIsRaisedAgain() {
            tx(() -> events.raiseOnce("a:1", "failed_unit", "warning", "m", JsonValue.NULL));
            assertTrue(tx(() -> events.clear("a:1")));
            assertNotNull(events("failed_unit").get(0).conditionClearedAt());
            assertTrue(tx(() -> events.raiseOnce("a:1", "failed_unit", "warning", "m", JsonValue.NULL))
                    .isPresent());
            assertEquals(2, events("failed_unit").size());
        }

        @Test
        void reconcile_raisesTheNew_clearsTheGone_leavesOtherPrefixesAlone() {
            tx(() -> events.reconcile("p_1:", List.of(condition("p_1:a"), condition("p_1:b"))));
            tx(() -> events.reconcile("p_2:", List.of(condition("p_2:a"))));
            // '_' is a LIKE wildcard: "pX1:" must not be taken for "p_1:".
            tx(() -> events.reconcile("pX1:", List.of(condition("pX1:a"))));

            int raised = tx(() -> events.reconcile("p_1:", List.of(condition("p_1:b"), condition("p_1:c"))));

            assertEquals(1, raised);
            assertEquals(java.util.Set.of("p_1:b", "p_1:c"), tx(() -> events.openConditions("p_1:")));
            assertEquals(java.util.Set.of("p_2:a"), tx(() -> events.openConditions("p_2:")));
            assertEquals(java.util.Set.of("pX1:a"), tx(() -> events.openConditions("pX1:")));
            assertThrows(IllegalArgumentException.class, () -> events.reconcile("p_1:", List.of(condition("p_2:z"))));
        }
    }

    /** A fleet whose answers the test sets. */
    static class ScriptedFleet implements FleetActions {
        JsonValue machines = JsonValue.EMPTY_JSON_ARRAY;
        JsonValue nodeInfo = JsonValue.EMPTY_JSON_OBJECT;
        List<JsonValue> unitStates = new ArrayList<>();
        int unitReads;

        @Override
        public JsonValue listMachines(String cluster) {
            return machines;
        }

        @Override
        public JsonValue listUnits(String cluster) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonValue listUnitStates(String cluster) {
            JsonValue states = unitStates.get(Math.min(unitReads, unitStates.size() - 1));
            unitReads++;
            return states;
        }

        @Override
        public JsonValue unitLogs(String cluster, String unitName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonValue restartUnit(String cluster, String unitName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonValue nodeInfo(String cluster, List<String> nodes) {
            return nodeInfo;
        }
    }

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readValue();
    }

    @SuppressWarnings("unchecked")
    private static Instance<FleetActions> instance(FleetActions fleet) {
        return (Instance<FleetActions>) Proxy.newProxyInstance(
                Instance.class.getClassLoader(),
                new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isResolvable" -> true;
                    case "get" -> fleet;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Nested
    class ClusterMonitor {
        private ScriptedFleet fleet;
        private ClusterHealth health;

        @BeforeEach
        void setUp() {
            fleet = new ScriptedFleet();
            health = new ClusterHealth();
            health.exchanges = exchanges;
            health.node = node();
            health.events = events;
            SystemComponentService systemComponents = new SystemComponentService();
            inject(systemComponents, "em", em);
            health.components = systemComponents;
            health.modules = modules;
            health.localFleet = instance(fleet);
        }

        private int check() {
            return tx(() -> health.check()).orElseThrow();
        }

        @Test
        void run_failedUnitRaisedOnceWhileItLasts_clearedWhenItRunsAgain() {
            fleet.machines = json("[{'id':'m1','primaryIP':'10.0.0.1'}]");
            fleet.nodeInfo = json("{'10.0.0.1':{'docker_disk_space_percent':12}}");
            JsonValue failed = json("[{'name':'web.service','machineID':'m1','systemdActiveState':'failed'}]");
            fleet.unitStates = List.of(failed);

            assertEquals(2, check());
            assertEquals(2, fleet.unitReads);
            assertEquals(0, check());
            assertEquals(2, events("failed_unit").size());
            assertEquals(
                    List.of("error", "warning"),
                    events("failed_unit").stream()
                            .map(SystemEvent::severity)
                            .sorted()
                            .toList());

            fleet.unitStates = List.of(json("[{'name':'web.service','machineID':'m1','systemdActiveState':'active'}]"));
            fleet.unitReads = 0;
            assertEquals(0, check());
            assertTrue(events("failed_unit").stream().allMatch(e -> e.conditionClearedAt() != null));
            assertEquals(1, fleet.unitReads);
        }

        @Test
        void run_noHostsAndFullDisk_dockerDiskSpaceEvents() {
            fleet.machines = JsonValue.EMPTY_JSON_ARRAY;
            fleet.unitStates = List.of(JsonValue.EMPTY_JSON_ARRAY);
            assertEquals(1, check());
            assertTrue(events("docker_disk_space_percent").get(0).dataJson().contains("\"host_cnt\":0"));

            fleet.machines = json("[{'id':'m1','primaryIP':'10.0.0.1'}]");
            fleet.nodeInfo = json("{'10.0.0.1':{'docker_disk_space_percent':95}}");
            assertEquals(1, check());
            List<SystemEvent> disk = events("docker_disk_space_percent");
            assertNotNull(disk.get(0).conditionClearedAt());
            assertEquals("error", disk.get(1).severity());
            assertNull(disk.get(1).conditionClearedAt());
        }

        @Test
        void run_unreadableFleet_keepsTheConditionsItHad() {
            fleet.machines = JsonValue.EMPTY_JSON_ARRAY;
            fleet.unitStates = List.of(JsonValue.EMPTY_JSON_ARRAY);
            check();
            health.localFleet = instance(new ScriptedFleet() {
                @Override
                public JsonValue listMachines(String cluster) {
                    throw new IllegalStateException("fleet unreachable");
                }

                @Override
                public JsonValue listUnitStates(String cluster) {
                    return JsonValue.EMPTY_JSON_ARRAY;
                }
            });
            check();
            assertNull(events("docker_disk_space_percent").get(0).conditionClearedAt());
        }

        @Test
        void run_componentWithoutActiveModule_componentInactive() throws SQLException {
            fleet.unitStates = List.of(JsonValue.EMPTY_JSON_ARRAY);
            db.sql("INSERT INTO system_components (id, messaging_exchange_id, type, deployment_repo,"
                    + " deployment_repo_git_ref, upgrade_strategy, inserted_at, updated_at) VALUES (5, 1, 'builder',"
                    + " 'org/b_docker', 'master', 'manual', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            check();
            assertEquals(1, events("component_inactive").size());

            db.sql(
                    "INSERT INTO messaging_exchange_modules (id, messaging_exchange_id, hostname, type, status, workload,"
                            + " inserted_at, updated_at) VALUES (9, 1, 'b-1:builder', 'builder', '"
                            + ExchangeModule.ACTIVE
                            + "', '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            check();
            assertNotNull(events("component_inactive").get(0).conditionClearedAt());
        }
    }

    @Nested
    class Modules {
        private HeartbeatHandler handler;
        private int messages;

        @BeforeEach
        void setUp() {
            handler = new HeartbeatHandler();
            handler.registry = modules;
            handler.exchanges = exchanges;
            handler.node = node();
            handler.processed = ProcessedMessagesOn.entityManager(em);
            handler.events = events;
        }

        private void heartbeat(String hostname, String version) {
            String body = "{\"event_type\":\"status\",\"hostname\":\"" + hostname + "\",\"type\":\"builder\","
                    + "\"status\":\"active\",\"workload\":[]"
                    + (version == null ? "" : ",\"version\":\"" + version + "\"") + "}";
            tx(() -> {
                handler.handle(body, "m-" + (++messages));
                return null;
            });
        }

        private static String status(String hostname, String status) {
            return "{\"event_type\":\"status\",\"hostname\":\"" + hostname + "\",\"type\":\"builder\","
                    + "\"status\":\"" + status + "\",\"workload\":[]}";
        }

        private void batch(HeartbeatHandler.Heartbeat... heartbeats) {
            tx(() -> {
                handler.handleAll(List.of(heartbeats));
                return null;
            });
        }

        @Test
        void batch_oneRowPerModule_theLastReportOfAModuleCounts() {
            batch(
                    HeartbeatHandler.read(status("b-1", "active"), "m-a"),
                    HeartbeatHandler.read(status("b-2", "active"), "m-b"),
                    HeartbeatHandler.read(status("b-1", "inactive"), "m-c"));

            List<ExchangeModule> rows = tx(() -> modules.ofExchange(1));
            assertEquals(
                    List.of("b-1", "b-2"),
                    rows.stream().map(ExchangeModule::hostname).toList());
            assertEquals(
                    List.of("inactive", "active"),
                    rows.stream().map(ExchangeModule::status).toList());
        }

        @Test
        void batch_aMessageProcessedBeforeOrRepeatedInTheBatchHasNoEffect() {
            batch(HeartbeatHandler.read(status("b-1", "active"), "m-1"));

            batch(
                    HeartbeatHandler.read(status("b-1", "inactive"), "m-1"),
                    HeartbeatHandler.read(status("b-3", "active"), "m-2"),
                    HeartbeatHandler.read(status("b-4", "active"), "m-2"));

            List<ExchangeModule> rows = tx(() -> modules.ofExchange(1));
            assertEquals(
                    List.of("b-1", "b-3"),
                    rows.stream().map(ExchangeModule::hostname).toList());
            assertEquals("active", rows.get(0).status(), "the redelivery of m-1 changed nothing");
        }

        @Test
        void read_aHeartbeatWithoutHostnameIsRefusedBeforeAnyBatch() {
            assertThrows(
                    InvalidRequestException.class,
                    () -> HeartbeatHandler.read("{\"event_type\":\"status\",\"type\":\"builder\"}", "m-z"));
        }

        @Test
        void listener_unknownEvent_ignored() {
            tx(() -> {
                handler.handle("{\"event_type\":\"reboot\",\"hostname\":\"b-1\"}", "m-x");
                return null;
            });
            assertEquals(List.of(), tx(() -> modules.ofExchange(1)));
        }

        @Test
        void listener_statusEvent_moduleUpserted() {
            heartbeat("b-1", null);
            heartbeat("b-1", null);
            List<ExchangeModule> rows = tx(() -> modules.ofExchange(1));
            assertEquals(1, rows.size());
            assertEquals("b-1", rows.get(0).hostname());
        }

        @Test
        void listener_managerCallFails_handled() {
            assertThrows(
                    InvalidRequestException.class,
                    () -> tx(() -> {
                        handler.handle("{\"event_type\":\"status\",\"type\":\"builder\"}", "m-y");
                        return null;
                    }));
        }

        @Test
        void versionMismatch_raisedOncePerModuleAndVersion_clearedWhenTheVersionsAgree() {
            heartbeat("b-1", "0.9.0");
            heartbeat("b-1", "0.9.0");
            heartbeat("b-2", "0.9.0");
            assertEquals(2, events("module_version_mismatch").size());

            heartbeat("b-1", "0.9.1");
            List<SystemEvent> mismatches = events("module_version_mismatch");
            assertEquals(3, mismatches.size());
            assertNotNull(mismatches.get(0).conditionClearedAt());
            assertTrue(mismatches.get(2).dataJson().contains("\"module_version\":\"0.9.1\""));

            heartbeat("b-1", "1.0.0");
            heartbeat("b-1", null);
            assertEquals(3, events("module_version_mismatch").size());
            assertNotNull(events("module_version_mismatch").get(2).conditionClearedAt());
            assertNull(events("module_version_mismatch").get(1).conditionClearedAt());
        }

        @Test
        void versionMismatch_settledForAWholeBatchAtOnce() {
            heartbeat("b-1", "0.9.0");
            heartbeat("b-2", "0.9.0");
            tx(() -> {
                handler.handleAll(List.of(
                        batched("b-1", "1.0.0"), // agrees now: its condition cleared
                        batched("b-2", "0.9.0"), // the same: its condition stays open, not raised again
                        batched("b-3", "0.8.0"), // new: raised
                        batched("b-3", "0.8.1"), // the last of a module in the batch counts
                        batched("b-4", null))); // no version: nothing to settle
                return null;
            });

            List<SystemEvent> mismatches = events("module_version_mismatch");
            assertEquals(3, mismatches.size());
            assertNotNull(mismatches.get(0).conditionClearedAt());
            assertNull(mismatches.get(1).conditionClearedAt());
            assertEquals("module_version_mismatch:1:b-3", mismatches.get(2).conditionKey());
            assertTrue(mismatches.get(2).dataJson().contains("\"module_version\":\"0.8.1\""));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> events.settle(List.of("a"), List.of(condition("b"))),
                    "a condition wanted for a subject not settled");
        }

        private HeartbeatHandler.Heartbeat batched(String hostname, String version) {
            return HeartbeatHandler.read(
                    "{\"event_type\":\"status\",\"hostname\":\"" + hostname + "\",\"type\":\"builder\","
                            + "\"status\":\"active\",\"workload\":[]"
                            + (version == null ? "" : ",\"version\":\"" + version + "\"") + "}",
                    "m-" + (++messages));
        }

        @Test
        void versionMismatch_unknownOwnVersion_nothing() {
            ownVersion = null;
            handler.node = node();
            heartbeat("b-1", "0.9.0");
            assertEquals(List.of(), events("module_version_mismatch"));
        }
    }

    private <T> T tx(Supplier<T> work) {
        return db.tx(work);
    }
}
