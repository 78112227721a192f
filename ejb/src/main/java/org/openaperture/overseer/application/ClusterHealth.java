package org.openaperture.overseer.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.fleet.application.FleetManagerClient;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ModuleRegistry;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.registry.domain.ExchangeModule;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.node.NodeConfig;
import org.openaperture.overseer.domain.ClusterHealthRules;
import org.openaperture.system.application.SystemComponentService;
import org.openaperture.system.application.SystemEventService;
import org.openaperture.system.application.SystemEventService.Condition;
import org.openaperture.system.domain.SystemComponent;

/**
 * Checks the health of this node's exchange (components.md §8.5) and keeps its system events in step: each
 * condition {@link ClusterHealthRules} finds is raised once while it lasts, and cleared when it is gone.
 * Three parts, each on its own: the fleet's machines and their disks, its units, and the components of the
 * exchange without an active module. The fleet is this node's own {@link FleetActions} when the node runs
 * the fleet_manager component, else the exchange's FleetManager over RPC. A part whose data cannot be read
 * is logged and keeps the conditions it had.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterHealth {
    private static final Logger LOG = System.getLogger(ClusterHealth.class.getName());
    static final String FLEET_MANAGER = QueueNames.FLEET_MANAGER;

    @Inject
    ExchangeService exchanges;

    @Inject
    NodeConfig node;

    @Inject
    SystemEventService events;

    @Inject
    SystemComponentService components;

    @Inject
    ModuleRegistry modules;

    @Inject
    Instance<FleetActions> localFleet;

    @Inject
    FleetManagerClient fleetManager;

    /** The health check looks at the exchange's whole fleet, not at one cluster of it. */
    private static final String ALL_CLUSTERS = null;

    /** The key prefix of the exchange's conditions of one part. */
    static String prefix(long exchangeId, String part) {
        return "overseer:" + exchangeId + ":" + part + ":";
    }

    /** Checks once; the number of events raised, empty when this node's exchange is not in the model yet. */
    public Optional<Integer> check() {
        Optional<Exchange> exchange = exchanges.findByIdOrName(node.exchange());
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        long exchangeId = exchange.get().id();
        FleetActions fleet = fleet(exchangeId);
        int raised = 0;
        try {
            JsonValue machines = fleet.listMachines(ALL_CLUSTERS);
            List<String> ips = ClusterHealthRules.primaryIps(machines);
            JsonValue nodeInfo = ips.isEmpty() ? JsonValue.NULL : fleet.nodeInfo(ALL_CLUSTERS, ips);
            raised += reconcile(exchangeId, "machines", ClusterHealthRules.machines(exchangeId, machines, nodeInfo));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health check of exchange {0}: machines unreadable: {1}", exchangeId, e.toString());
        }
        try {
            JsonValue states = fleet.listUnitStates(ALL_CLUSTERS);
            // A failed unit is read again before it counts: one that restarted meanwhile is not reported.
            JsonValue refreshed = ClusterHealthRules.anyFailed(states) ? fleet.listUnitStates(ALL_CLUSTERS) : states;
            raised += reconcile(exchangeId, "units", ClusterHealthRules.units(exchangeId, states, refreshed));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health check of exchange {0}: units unreadable: {1}", exchangeId, e.toString());
        }
        List<String> types = components.ofExchange(exchangeId).stream()
                .map(SystemComponent::type)
                .toList();
        List<String> active = modules.ofExchange(exchangeId).stream()
                .filter(m -> ExchangeModule.ACTIVE.equals(m.status()))
                .map(ExchangeModule::type)
                .toList();
        raised += reconcile(exchangeId, "components", ClusterHealthRules.components(exchangeId, types, active));
        return Optional.of(raised);
    }

    private int reconcile(long exchangeId, String part, List<ClusterHealthRules.Finding> findings) {
        String prefix = prefix(exchangeId, part);
        return events.reconcile(
                prefix,
                findings.stream()
                        .map(f -> new Condition(prefix + f.key(), f.type(), f.severity(), f.message(), f.data()))
                        .toList());
    }

    private FleetActions fleet(long exchangeId) {
        if (node.components().contains(FLEET_MANAGER) && localFleet.isResolvable()) {
            return localFleet.get();
        }
        return new RpcFleetActions(fleetManager, exchangeId);
    }
}
