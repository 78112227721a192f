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
        public ModuleLivenessSweep.Changed removeSilent(LocalDateTime before, int first) {
            statements++;
            List<Module> silent = rows.values().stream()
                    .filter(m -> m.updatedAt().isBefore(before))
                    .toList();
            silent.forEach(m -> rows.remove(m.id()));
            return changed(silent, first);
        }

        @Override
        public ModuleLivenessSweep.Changed markSilentInactive(LocalDateTime before, int first) {
            statements++;
            List<Module> silent = rows.values().stream()
                    .filter(m -> m.updatedAt().isBefore(before) && !m.status().equals("inactive"))
                    .toList();
            silent.forEach(
                    m -> rows.put(m.id(), new Module(m.id(), 2, m.hostname(), m.type(), "inactive", m.updatedAt())));
            return changed(silent, first);
        }

        private static ModuleLivenessSweep.Changed changed(List<Module> silent, int first) {
            return new ModuleLivenessSweep.Changed(silent.subList(0, Math.min(first, silent.size())), silent.size());
        }

        String status(long id) {
            return rows.get(id).status();
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> events = new ArrayList<>();

    /** Each event as "type hostname minutes-silent", or "type count first-named" for one of many. */
    private final ModuleLivenessSweep.Events recorded = new ModuleLivenessSweep.Events() {
        @Override
        public void raise(String type, Module module, Duration silentFor) {
            events.add(type + " " + module.hostname() + " " + silentFor.toMinutes());
        }

        @Override
        public void raiseAll(String type, List<Module> first, int count, Duration threshold) {
            events.add(type + " " + count + " " + first.size() + " " + threshold.toMinutes());
        }
    };

    private ModuleLivenessSweep.Result sweep() {
        return ModuleLivenessSweep.run(store, recorded, NOW, INACTIVE_AFTER, REMOVE_AFTER, 100);
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
        sweep();
        events.clear();

        var result = sweep();

        assertEquals(new ModuleLivenessSweep.Result(0, 0), result);
        assertEquals(List.of(), events);
    }

    @Test
    void aHundredSilentAmongAThousandAreSweptInTwoStatementsWithAnEventEach() {
        for (long id = 1; id <= 1000; id++) {
            store.add(id, "active", id <= 100 ? Duration.ofMinutes(11) : Duration.ofSeconds(20));
        }

        assertEquals(new ModuleLivenessSweep.Result(100, 0), sweep());
        assertEquals(2, store.statements);
        assertEquals(100, events.size());
        assertFalse(store.rows.values().stream().filter(m -> m.id() > 100).anyMatch(m -> m.status()
                .equals("inactive")));
    }

    @Test
    void moreThanAHundredChangesOfAKindAreReportedInOneEventNamingTheFirstHundred() {
        for (long id = 1; id <= 250; id++) {
            store.add(id, "active", Duration.ofMinutes(11));
        }
        for (long id = 251; id <= 351; id++) {
            store.add(id, "inactive", Duration.ofMinutes(25));
        }

        assertEquals(new ModuleLivenessSweep.Result(250, 101), sweep());
        assertEquals(List.of("modules_removed 101 100 20", "modules_inactive 250 100 10"), events);
        assertEquals(250, store.rows.size());
        assertTrue(store.rows.values().stream().allMatch(m -> m.status().equals("inactive")));
    }

    @Test
    void withNoEventsPerSweepEveryChangeOfAKindIsReportedInOneEvent() {
        store.add(1, "active", Duration.ofMinutes(11));

        ModuleLivenessSweep.run(store, recorded, NOW, INACTIVE_AFTER, REMOVE_AFTER, 0);

        assertEquals(List.of("modules_inactive 1 1 10"), events);
    }

    @Test
    void aChangeThatDoesNotKnowEveryRowItChangedIsReportedInOneEvent() {
        // Between finding the first rows and changing them, some were refreshed by heartbeats, others not.
        ModuleLivenessSweep.Store partly = new ModuleLivenessSweep.Store() {
            @Override
            public ModuleLivenessSweep.Changed removeSilent(LocalDateTime before, int first) {
                return new ModuleLivenessSweep.Changed(List.of(), 0);
            }

            @Override
            public ModuleLivenessSweep.Changed markSilentInactive(LocalDateTime before, int first) {
                return new ModuleLivenessSweep.Changed(
                        List.of(new Module(1, 2, "host-1", "builder", "active", NOW.minusMinutes(11))), 3);
            }
        };

        assertEquals(
                new ModuleLivenessSweep.Result(3, 0),
                ModuleLivenessSweep.run(partly, recorded, NOW, INACTIVE_AFTER, REMOVE_AFTER, 100));
        assertEquals(List.of("modules_inactive 3 1 10"), events);
    }
}
