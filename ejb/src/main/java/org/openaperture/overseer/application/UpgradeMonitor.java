package org.openaperture.overseer.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.node.NodeConfig;

/**
 * One round of the Overseer's component management (components.md §8.4, ComponentStatusMgr and
 * MonitorTask): every upgrade in progress in this node's exchange is followed one step, and each component
 * whose strategy is {@code hourly} asks for its upgrade when {@link HourlyUpgrades} says it is due. Each
 * component is handled in its own transaction, so one that fails does not hold up the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UpgradeMonitor {
    private static final Logger LOG = System.getLogger(UpgradeMonitor.class.getName());

    @Inject
    Upgrades upgrades;

    @Inject
    ExchangeService exchanges;

    @Inject
    NodeConfig node;

    /** What one round did. */
    public record Round(int followed, int requested) {}

    /** One round; empty when this node's exchange is not in the model yet. */
    public Optional<Round> run(HourlyUpgrades hourly, Instant now) {
        Optional<Exchange> exchange = exchanges.findByIdOrName(node.exchange());
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        long exchangeId = exchange.get().id();
        List<Upgrades.ComponentState> components = upgrades.states(exchangeId);
        int followed = 0;
        for (Upgrades.ComponentState c : components) {
            if (!c.inProgress()) {
                continue;
            }
            try {
                upgrades.check(c.id());
                followed++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "following the upgrade of " + c.type() + " failed, next round again", e);
            }
        }
        int requested = 0;
        List<Long> hourlyIds = new ArrayList<>();
        for (Upgrades.ComponentState c : components) {
            if (!c.hourly()) {
                continue;
            }
            hourlyIds.add(c.id());
            if (!c.inProgress() && hourly.due(c.id(), now)) {
                requested++;
                try {
                    upgrades.request(exchangeId, c.type());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "hourly upgrade of " + c.type() + " could not start", e);
                    // The root cause, as for an upgrade_request: the container wraps a bean's failure.
                    upgrades.fail(
                            exchangeId, c.type(), "Upgrade could not be started: " + OverseerRequests.rootMessage(e));
                }
            }
        }
        hourly.retain(hourlyIds);
        return Optional.of(new Round(followed, requested));
    }
}
