package org.openaperture.overseer.application;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The liveness rule for the modules of one exchange: a module not heard from for longer than
 * {@code inactiveAfter} turns {@code inactive}; one not heard from for longer than {@code removeAfter} is
 * removed. Each change raises one event. Silence counts from the module's last report ({@code updated_at}),
 * which turning it inactive does not move, so removal comes {@code removeAfter} after the last heartbeat.
 * The changes are made in sets (two statements per sweep, whatever the number of modules). Several nodes may
 * sweep at once: the store changes only rows still stale, locked first, so only the sweep that really changed
 * a row reports it.
 */
public final class ModuleLivenessSweep {
    public static final String INACTIVE = "inactive";
    public static final String MODULE_INACTIVE = "module_inactive";
    public static final String MODULE_REMOVED = "module_removed";

    /** A module row as the sweep sees it. */
    public record Module(
            long id, long exchangeId, String hostname, String type, String status, LocalDateTime updatedAt) {}

    /** The module rows of the exchange being swept, changed in sets. */
    public interface Store {
        /**
         * Removes every module not heard from since {@code before} and returns those this call removed (none
         * that another sweep removed first).
         */
        List<Module> removeSilent(LocalDateTime before);

        /**
         * Marks every active module not heard from since {@code before} inactive and returns those this call
         * changed.
         */
        List<Module> markSilentInactive(LocalDateTime before);
    }

    /** Where the changes are reported (system events). */
    public interface Events {
        void raise(String type, Module module, Duration silentFor);
    }

    /** What a sweep changed. */
    public record Result(int inactivated, int removed) {}

    private ModuleLivenessSweep() {}

    public static Result run(
            Store store, Events events, LocalDateTime now, Duration inactiveAfter, Duration removeAfter) {
        Objects.requireNonNull(now, "now");
        LocalDateTime inactiveBefore = now.minus(inactiveAfter);
        LocalDateTime removeBefore = now.minus(removeAfter);
        List<Module> removed = store.removeSilent(removeBefore);
        for (Module module : removed) {
            events.raise(MODULE_REMOVED, module, Duration.between(module.updatedAt(), now));
        }
        List<Module> inactivated = store.markSilentInactive(inactiveBefore);
        for (Module module : inactivated) {
            events.raise(MODULE_INACTIVE, module, Duration.between(module.updatedAt(), now));
        }
        return new Result(inactivated.size(), removed.size());
    }
}
