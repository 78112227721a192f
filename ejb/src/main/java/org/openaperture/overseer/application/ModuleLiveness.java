package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemEventService;

/**
 * Sweeps the modules of this node's exchange with {@link ModuleLivenessSweep}, in one transaction: the rows
 * it changes and the system events that say so commit together (two bulk statements, and a bounded number of
 * events, however many modules fell silent).
 */
@Stateless
public class ModuleLiveness {

    @Inject
    ModuleRegistry registry;

    @Inject
    ExchangeService exchanges;

    @Inject
    SystemEventService events;

    @Inject
    NodeConfig node;

    /** Sweeps once; empty when this node's exchange is not in the model yet. */
    public Optional<ModuleLivenessSweep.Result> sweep(LivenessSettings settings) {
        Optional<Exchange> exchange = exchanges.findByIdOrName(node.exchange());
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        long exchangeId = exchange.get().id();
        ModuleLivenessSweep.Store store = new ModuleLivenessSweep.Store() {
            @Override
            public ModuleLivenessSweep.Changed removeSilent(LocalDateTime before, int first) {
                return changed(registry.removeSilent(exchangeId, before, first));
            }

            @Override
            public ModuleLivenessSweep.Changed markSilentInactive(LocalDateTime before, int first) {
                return changed(registry.markSilentInactive(exchangeId, before, first));
            }
        };
        List<SystemEventService.NewEvent> raised = new ArrayList<>();
        ModuleLivenessSweep.Events sink = new ModuleLivenessSweep.Events() {
            @Override
            public void raise(String type, ModuleLivenessSweep.Module module, Duration silentFor) {
                raised.add(new SystemEventService.NewEvent(
                        type,
                        "warning",
                        "module " + module.hostname() + " (" + module.type() + ") of exchange "
                                + module.exchangeId() + " has not been heard from for " + silentFor.toSeconds()
                                + " s" + outcome(type),
                        JSON.createObjectBuilder()
                                .add("exchange_id", module.exchangeId())
                                .add("hostname", module.hostname())
                                .add("type", module.type())
                                .build()));
            }

            @Override
            public void raiseAll(String type, List<ModuleLivenessSweep.Module> first, int count, Duration threshold) {
                var modules = JSON.createArrayBuilder();
                first.forEach(m -> modules.add(
                        JSON.createObjectBuilder().add("hostname", m.hostname()).add("type", m.type())));
                raised.add(new SystemEventService.NewEvent(
                        type,
                        "warning",
                        count + " modules of exchange " + exchangeId + " have not been heard from for more than "
                                + threshold.toSeconds() + " s" + outcome(type) + "; the first " + first.size()
                                + " by id are in the event's data",
                        JSON.createObjectBuilder()
                                .add("exchange_id", exchangeId)
                                .add("count", count)
                                .add("modules", modules)
                                .build()));
            }
        };
        ModuleLivenessSweep.Result result = ModuleLivenessSweep.run(
                store,
                sink,
                LocalDateTime.now(Clock.systemUTC()),
                settings.inactiveAfter(),
                settings.removeAfter(),
                settings.eventsPerSweep());
        events.raiseAll(raised);
        return Optional.of(result);
    }

    private static String outcome(String type) {
        return ModuleLivenessSweep.MODULE_REMOVED.equals(type) || ModuleLivenessSweep.MODULES_REMOVED.equals(type)
                ? ": removed"
                : ": marked inactive";
    }

    private static ModuleLivenessSweep.Changed changed(ModuleRegistry.SilentModules rows) {
        return new ModuleLivenessSweep.Changed(
                rows.first().stream()
                        .map(m -> new ModuleLivenessSweep.Module(
                                m.id(), m.exchangeId(), m.hostname(), m.type(), m.status(), m.updatedAt()))
                        .toList(),
                rows.count());
    }
}
