package org.openaperture.overseer.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openaperture.overseer.application.ModuleLivenessSweep.Module;

/** Silent modules turn inactive after one threshold and disappear after the other, each change once. */
class ModuleLivenessSweepTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final LocalDateTime NOW = LocalDateTime.now(CLOCK);
    private static final Duration INACTIVE_AFTER = Duration.ofMinutes(10);
    private static final Duration REMOVE_AFTER = Duration.ofMinutes(20);

    /** Module rows in memory, with the same conditional changes as the database. */
    static final class MemoryStore implements ModuleLivenessSweep.Store {
        final Map<Long, Module> rows = new LinkedHashMap<>();
        int statements;

        void add(long id, String status, Duration silentFor) {
            rows.put(id, new Module(id, 2, "host-" + id, "builder", status, NOW.minus(silentFor)));
        }

        @Override
        public List<Module> removeSilent(LocalDateTime before) {
            statements++;
            List<Module> silent = rows.values().stream()
                    .filter(m -> m.updatedAt().isBefore(before))
                    .toList();
            silent.forEach(m -> rows.remove(m.id()));
            return silent;
        }

        @Override
        public List<Module> markSilentInactive(LocalDateTime before) {
            statements++;
            List<Module> silent = rows.values().stream()
                    .filter(m -> m.updatedAt().isBefore(before) && !m.status().equals("inactive"))
                    .toList();
            silent.forEach(
                    m -> rows.put(m.id(), new Module(m.id(), 2, m.hostname(), m.type(), "inactive", m.updatedAt())));
            return silent;
        }

        String status(long id) {
            return rows.get(id).status();
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> events = new ArrayList<>();

    private ModuleLivenessSweep.Result sweep() {
        return ModuleLivenessSweep.run(
                store,
                (type, module, silentFor) -> events.add(type + " " + module.hostname() + " " + silentFor.toMinutes()),
                NOW,
                INACTIVE_AFTER,
                REMOVE_AFTER);
    }

    @Test
    void managerLiveness_noModules_nothing() {
        assertEquals(new ModuleLivenessSweep.Result(0, 0), sweep());
        assertTrue(store.rows.isEmpty());
        assertEquals(List.of(), events);
    }

    @Test
    void aModuleHeardFromWithinTheThresholdStaysActive() {
        store.add(1, "active", Duration.ofMinutes(9));

        assertEquals(new ModuleLivenessSweep.Result(0, 0), sweep());
        assertEquals("active", store.status(1));
        assertEquals(List.of(), events);
    }

    @Test
    void anActiveModuleSilentLongerThanInactiveAfterTurnsInactiveWithOneEvent() {
        store.add(1, "active", Duration.ofMinutes(11));

        assertEquals(new ModuleLivenessSweep.Result(1, 0), sweep());
        assertEquals("inactive", store.status(1));
        assertEquals(List.of("module_inactive host-1 11"), events);
    }

    @Test
    void anAlreadyInactiveModuleIsNotReportedAgain() {
        store.add(1, "inactive", Duration.ofMinutes(15));

        assertEquals(new ModuleLivenessSweep.Result(0, 0), sweep());
        assertEquals(List.of(), events);
    }

    @Test
    void aModuleSilentLongerThanRemoveAfterIsRemovedWhateverItsStatus() {
        store.add(1, "inactive", Duration.ofMinutes(21));
        store.add(2, "active", Duration.ofMinutes(45));

        assertEquals(new ModuleLivenessSweep.Result(0, 2), sweep());
        assertTrue(store.rows.isEmpty());
        assertEquals(List.of("module_removed host-1 21", "module_removed host-2 45"), events);
    }

    @Test
    void exactlyAtTheThresholdNothingChanges() {
        store.add(1, "active", INACTIVE_AFTER);
        store.add(2, "inactive", REMOVE_AFTER);

        assertEquals(new ModuleLivenessSweep.Result(0, 0), sweep());
    }

    @Test
    void aSecondSweepOfTheSameMomentChangesAndReportsNothing() {
        store.add(1, "active", Duration.ofMinutes(11));
        store.add(2, "inactive", Duration.ofMinutes(25));
        sweep();
        events.clear();

        assertEquals(new ModuleLivenessSweep.Result(0, 0), sweep());
        assertEquals(List.of(), events);
    }

    @Test
    void aRowAnotherNodeChangedFirstIsNotReportedTwice() {
        store.add(1, "active", Duration.ofMinutes(11));
        store.add(2, "inactive", Duration.ofMinutes(25));
        // Another node's sweep changed the rows first; the store, which changes only rows still stale, finds none.
        ModuleLivenessSweep.run(store, (t, m, s) -> {}, NOW, INACTIVE_AFTER, REMOVE_AFTER);

        var result = ModuleLivenessSweep.run(store, (t, m, s) -> events.add(t), NOW, INACTIVE_AFTER, REMOVE_AFTER);

        assertEquals(new ModuleLivenessSweep.Result(0, 0), result);
        assertEquals(List.of(), events);
    }

    @Test
    void aThousandModulesAreSweptInTwoStatements() {
        for (long id = 1; id <= 1000; id++) {
            store.add(id, "active", id <= 100 ? Duration.ofMinutes(11) : Duration.ofSeconds(20));
        }

        assertEquals(new ModuleLivenessSweep.Result(100, 0), sweep());
        assertEquals(2, store.statements);
        assertEquals(100, events.size());
        assertFalse(store.rows.values().stream().filter(m -> m.id() > 100).anyMatch(m -> m.status()
                .equals("inactive")));
    }
}
