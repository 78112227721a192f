package org.openaperture.overseer.application;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The liveness rule for the modules of one exchange: a module not heard from for longer than
 * {@code inactiveAfter} turns {@code inactive}; one not heard from for longer than {@code removeAfter} is
 * removed. Silence counts from the module's last report ({@code updated_at}), which turning it inactive does not
 * move, so removal comes {@code removeAfter} after the last heartbeat.
 *
 * <p>Each change raises one event, up to {@code eventsPerKind} changes of a kind in a sweep (100 by default); a
 * sweep that changes more (a site cut off, thousands of modules silent at once) raises one event for them all,
 * with their number and the first {@value #NAMED} of them: a flood of identical events would bury the one that
 * matters, and writing them would hold the sweep for seconds.
 *
 * <p>The changes are made in sets (one statement each, whatever the number of modules). Several nodes may sweep at
 * once: the store locks the first rows before it changes them and changes only rows still stale, so only the
 * sweep that really changed a row reports it.
 */
public final class ModuleLivenessSweep {
    public static final String INACTIVE = "inactive";
    public static final String MODULE_INACTIVE = "module_inactive";
    public static final String MODULE_REMOVED = "module_removed";
    /** Many modules turned inactive by one sweep. */
    public static final String MODULES_INACTIVE = "modules_inactive";
    /** Many modules removed by one sweep. */
    public static final String MODULES_REMOVED = "modules_removed";
    /** The modules an event for many names, the first by id. */
    public static final int NAMED = 100;

    /** A module row as the sweep sees it. */
    public record Module(
            long id, long exchangeId, String hostname, String type, String status, LocalDateTime updatedAt) {}

    /**
     * What a change did: how many rows it changed, and the first of them by id as they were before (all of them
     * when it changed no more than it was asked to return).
     */
    public record Changed(List<Module> first, int count) {
        public Changed {
            first = List.copyOf(first);
        }

        /** Whether {@link #first} holds every row changed. */
        boolean complete() {
            return first.size() == count;
        }
    }

    /** The module rows of the exchange being swept, changed in sets. */
    public interface Store {
        /**
         * Removes every module not heard from since {@code before}; returns how many this call removed (none that
         * another sweep removed first) and the first {@code first} of them by id.
         */
        Changed removeSilent(LocalDateTime before, int first);

        /** Marks every active module not heard from since {@code before} inactive; returns as {@link #removeSilent}. */
        Changed markSilentInactive(LocalDateTime before, int first);
    }

    /** Where the changes are reported (system events). */
    public interface Events {
        /** One module changed. */
        void raise(String type, Module module, Duration silentFor);

        /** {@code count} modules changed at once, silent for longer than {@code threshold}; {@code first} of them. */
        void raiseAll(String type, List<Module> first, int count, Duration threshold);
    }

    /** What a sweep changed. */
    public record Result(int inactivated, int removed) {}

    private ModuleLivenessSweep() {}

    public static Result run(
            Store store,
            Events events,
            LocalDateTime now,
            Duration inactiveAfter,
            Duration removeAfter,
            int eventsPerKind) {
        Objects.requireNonNull(now, "now");
        int first = Math.max(eventsPerKind, NAMED) + 1;
        Changed removed = store.removeSilent(now.minus(removeAfter), first);
        report(events, removed, MODULE_REMOVED, MODULES_REMOVED, now, removeAfter, eventsPerKind);
        Changed inactivated = store.markSilentInactive(now.minus(inactiveAfter), first);
        report(events, inactivated, MODULE_INACTIVE, MODULES_INACTIVE, now, inactiveAfter, eventsPerKind);
        return new Result(inactivated.count(), removed.count());
    }

    private static void report(
            Events events,
            Changed changed,
            String one,
            String many,
            LocalDateTime now,
            Duration threshold,
            int eventsPerKind) {
        if (changed.count() == 0) {
            return;
        }
        if (changed.complete() && changed.count() <= eventsPerKind) {
            for (Module module : changed.first()) {
                events.raise(one, module, Duration.between(module.updatedAt(), now));
            }
        } else {
            List<Module> first = changed.first();
            events.raiseAll(many, first.subList(0, Math.min(first.size(), NAMED)), changed.count(), threshold);
        }
    }
}
