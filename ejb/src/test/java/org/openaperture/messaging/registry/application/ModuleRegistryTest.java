package org.openaperture.messaging.registry.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.IdBlocks;
import org.openaperture.common.domain.UnknownEntityException;
import org.openaperture.messaging.registry.domain.ExchangeModule;
import org.openaperture.messaging.registry.domain.ModuleReport;
import org.openaperture.testing.MigratedH2;

/** The register of modules, the one owner of their table, on H2 migrated by Flyway. */
class ModuleRegistryTest {
    private MigratedH2 db;
    private ModuleRegistry modules;

    @BeforeEach
    void setUp() throws SQLException {
        db = new MigratedH2();
        modules = new ModuleRegistry();
        modules.em = db.em();
        for (int id = 1; id <= 2; id++) {
            db.sql("INSERT INTO messaging_exchanges (id, name, routing_key_fragment, inserted_at, updated_at)"
                    + " VALUES (" + id + ", 'E" + id + "', 'e" + id + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }
        record(1, "b-host", "builder");
        record(1, "a-host", "deployer");
        record(1, "c-host", "builder");
        record(2, "d-host", "builder");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aPageHoldsTheExchangesModulesByHostnameFilteredByType() {
        assertEquals(List.of("a-host", "b-host", "c-host"), hostnames(1, null));
        assertEquals(List.of("b-host", "c-host"), hostnames(1, "builder"));
    }

    @Test
    void moduleIdsOnANewDatabaseArePositiveAndDistinctAndComeFromTheSequenceInBlocks() throws SQLException {
        List<Long> ids = modules.ofExchange(1).stream().map(ExchangeModule::id).toList();
        assertEquals(3, ids.stream().distinct().count(), "distinct: " + ids);
        assertTrue(ids.stream().allMatch(id -> id > 0), "positive: " + ids);
        long next;
        try (Connection c = db.jdbc();
                ResultSet row =
                        c.createStatement().executeQuery("SELECT NEXT VALUE FOR messaging_exchange_modules_seq")) {
            row.next();
            next = row.getLong(1);
        }
        long highest = ids.stream().mapToLong(id -> id).max().orElseThrow();
        assertTrue(next - IdBlocks.SIZE + 1 > highest, "the block of " + next + " starts above every id given: " + ids);
    }

    @Test
    void anUnknownExchangeOrHostnameIsNamed() {
        assertThrows(UnknownEntityException.class, () -> modules.page(9, null, null, null));
        assertThrows(UnknownEntityException.class, () -> modules.get(9, "a-host"));
        assertThrows(UnknownEntityException.class, () -> modules.get(2, "a-host"));
    }

    @Test
    void deletingAModuleLeavesTheOthers() {
        db.tx(() -> {
            modules.delete(1, "b-host");
            return null;
        });
        assertEquals(List.of("a-host", "c-host"), hostnames(1, null));
        assertThrows(UnknownEntityException.class, () -> modules.get(1, "b-host"));
    }

    @Test
    void deletingAnExchangeDeletesItsModulesThroughTheRegistry() {
        ExchangeService exchanges = new ExchangeService();
        exchanges.em = db.em();
        exchanges.modules = modules;
        exchanges.deleting = ignoredEvents();
        db.tx(() -> {
            exchanges.delete(1);
            return null;
        });
        assertEquals(List.of(), modules.ofExchange(1));
        assertEquals(List.of("d-host"), hostnames(2, null));
    }

    @Test
    void silentModulesAreMarkedInactiveThenRemovedAndOnlyTheChangedOnesCounted() throws SQLException {
        db.sql("UPDATE messaging_exchange_modules SET updated_at = TIMESTAMP '2026-01-01 10:00:00'"
                + " WHERE hostname IN ('a-host', 'd-host')");
        db.sql("UPDATE messaging_exchange_modules SET updated_at = TIMESTAMP '2026-01-01 11:00:00', status = 'inactive'"
                + " WHERE hostname = 'b-host'");
        LocalDateTime noon = LocalDateTime.parse("2026-01-01T12:00:00");

        var inactivated = db.tx(() -> modules.markSilentInactive(1, noon, 10));

        assertEquals(1, inactivated.count());
        assertEquals(List.of("a-host"), hostnamesOf(inactivated));
        assertEquals("active", inactivated.first().get(0).status(), "returned as they were");
        db.em().clear();
        assertEquals("inactive", modules.get(1, "a-host").status());
        assertEquals(
                LocalDateTime.parse("2026-01-01T10:00:00"),
                modules.get(1, "a-host").updatedAt());
        assertEquals("active", modules.get(1, "c-host").status(), "heard from since");
        assertEquals("active", modules.get(2, "d-host").status(), "another exchange");
        assertEquals(0, db.tx(() -> modules.markSilentInactive(1, noon, 10)).count(), "nothing left to change");

        var removed = db.tx(() -> modules.removeSilent(1, noon, 1));

        assertEquals(2, removed.count(), "a-host and b-host");
        assertEquals(1, removed.first().size(), "the first asked for");
        db.em().clear();
        assertEquals(List.of("c-host"), hostnames(1, null));
        assertEquals(List.of("d-host"), hostnames(2, null));
    }

    private static List<String> hostnamesOf(ModuleRegistry.SilentModules changed) {
        return changed.first().stream().map(ExchangeModule::hostname).toList();
    }

    private void record(long exchangeId, String hostname, String type) {
        db.tx(() ->
                modules.record(exchangeId, new ModuleReport(hostname, type, "active", null, null, null, null, null)));
    }

    private List<String> hostnames(long exchangeId, String type) {
        return modules.page(exchangeId, type, null, null).items().stream()
                .map(ExchangeModule::hostname)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Event<ExchangeDeleting> ignoredEvents() {
        return (Event<ExchangeDeleting>) Proxy.newProxyInstance(
                Event.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> null);
    }
}
