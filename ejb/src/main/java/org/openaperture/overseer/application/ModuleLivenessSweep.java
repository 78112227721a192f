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
 * Several nodes may sweep at once: every change is conditional on the row still being stale, so only the
 * sweep that really changed a row reports it.
 */
public final class ModuleLivenessSweep {
    public static final String INACTIVE = "inactive";
    public static final String MODULE_INACTIVE = "module_inactive";
    public static final String MODULE_REMOVED = "module_removed";

    /** A module row as the sweep sees it. */
    public record Module(
            long id, long exchangeId, String hostname, String type, String status, LocalDateTime updatedAt) {}

    /** The module rows of the exchange being swept. */
    public interface Store {
        /** Every module not heard from since {@code before}, in one query. */
        List<Module> silentSince(LocalDateTime before);

        /** Marks the module inactive if it is still active and silent since {@code before}; true if it did. */
        boolean markInactive(long id, LocalDateTime before);

        /** Removes the module if it is still silent since {@code before}; true if it did. */
        boolean remove(long id, LocalDateTime before);
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
        int inactivated = 0;
        int removed = 0;
        for (Module module : store.silentSince(inactiveBefore)) {
            Duration silentFor = Duration.between(module.updatedAt(), now);
            if (module.updatedAt().isBefore(removeBefore)) {
                if (store.remove(module.id(), removeBefore)) {
                    removed++;
                    events.raise(MODULE_REMOVED, module, silentFor);
                }
            } else if (!INACTIVE.equals(module.status()) && store.markInactive(module.id(), inactiveBefore)) {
                inactivated++;
                events.raise(MODULE_INACTIVE, module, silentFor);
            }
        }
        return new Result(inactivated, removed);
    }
}
