package org.openaperture.overseer.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;
import org.openaperture.system.application.SystemEventService;

/**
 * Sweeps the modules of this node's exchange with {@link ModuleLivenessSweep}, in one transaction: the rows
 * it changes and the system events that say so commit together.
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
            public java.util.List<ModuleLivenessSweep.Module> silentSince(LocalDateTime before) {
                return registry.silentSince(exchangeId, before).stream()
                        .map(m -> new ModuleLivenessSweep.Module(
                                m.id(), m.exchangeId(), m.hostname(), m.type(), m.status(), m.updatedAt()))
                        .toList();
            }

            @Override
            public boolean markInactive(long id, LocalDateTime before) {
                return registry.markInactiveIfSilent(id, before);
            }

            @Override
            public boolean remove(long id, LocalDateTime before) {
                return registry.removeIfSilent(id, before);
            }
        };
        return Optional.of(ModuleLivenessSweep.run(
                store,
                (type, module, silentFor) -> events.raise(
                        type,
                        "warning",
                        "module " + module.hostname() + " (" + module.type() + ") of exchange " + module.exchangeId()
                                + " has not been heard from for " + silentFor.toSeconds() + " s"
                                + (ModuleLivenessSweep.MODULE_REMOVED.equals(type) ? ": removed" : ": marked inactive"),
                        Json.createObjectBuilder()
                                .add("exchange_id", module.exchangeId())
                                .add("hostname", module.hostname())
                                .add("type", module.type())
                                .build(),
                        false),
                LocalDateTime.now(Clock.systemUTC()),
                settings.inactiveAfter(),
                settings.removeAfter()));
    }
}
