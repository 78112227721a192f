package org.openaperture.overseer.application;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeModule;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemEventService;

/**
 * Sweeps the modules of this node's exchange with {@link ModuleLivenessSweep}, in one transaction: the rows
 * it changes and the system events that say so commit together (two bulk statements and one flush of events,
 * however many modules fell silent).
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
            public List<ModuleLivenessSweep.Module> removeSilent(LocalDateTime before) {
                return modules(registry.removeSilent(exchangeId, before));
            }

            @Override
            public List<ModuleLivenessSweep.Module> markSilentInactive(LocalDateTime before) {
                return modules(registry.markSilentInactive(exchangeId, before));
            }
        };
        List<SystemEventService.NewEvent> raised = new ArrayList<>();
        ModuleLivenessSweep.Result result = ModuleLivenessSweep.run(
                store,
                (type, module, silentFor) -> raised.add(new SystemEventService.NewEvent(
                        type,
                        "warning",
                        "module " + module.hostname() + " (" + module.type() + ") of exchange " + module.exchangeId()
                                + " has not been heard from for " + silentFor.toSeconds() + " s"
                                + (ModuleLivenessSweep.MODULE_REMOVED.equals(type) ? ": removed" : ": marked inactive"),
                        JSON.createObjectBuilder()
                                .add("exchange_id", module.exchangeId())
                                .add("hostname", module.hostname())
                                .add("type", module.type())
                                .build())),
                LocalDateTime.now(Clock.systemUTC()),
                settings.inactiveAfter(),
                settings.removeAfter());
        events.raiseAll(raised);
        return Optional.of(result);
    }

    private static List<ModuleLivenessSweep.Module> modules(List<ExchangeModule> rows) {
        return rows.stream()
                .map(m -> new ModuleLivenessSweep.Module(
                        m.id(), m.exchangeId(), m.hostname(), m.type(), m.status(), m.updatedAt()))
                .toList();
    }
}
