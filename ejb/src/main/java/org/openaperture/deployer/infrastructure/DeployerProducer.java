package org.openaperture.deployer.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openaperture.deployer.application.DeployTarget;
import org.openaperture.deployer.application.DeployerMilestones;
import org.openaperture.deployer.application.EcsDeployer;
import org.openaperture.fleet.application.FleetActions;
import org.openaperture.node.NodeConfig;

/**
 * Chooses the node's {@link DeployTarget} by {@code openaperture.deployer.target} and builds on it the Deployer's
 * milestones and the FleetManager's actions, so both see the same units. {@code simulated} and {@code
 * local-process} are built here; {@code kubernetes} is the {@code DeployTarget} bean named {@code kubernetes},
 * when the application has one. An {@link EcsDeployer} bean, when there is one, runs {@code deploy_ecs}. The
 * target is made when first needed (the first request), not at deployment, and closed when the application
 * stops, which ends the local processes.
 */
@ApplicationScoped
public class DeployerProducer {
    private static final Logger LOG = System.getLogger(DeployerProducer.class.getName());

    @Inject
    NodeConfig node;

    @Inject
    @Any
    Instance<DeployTarget> targets;

    @Inject
    Instance<EcsDeployer> ecsDeployers;

    private DeployerSettings settings;
    private DeployTarget target;

    @Produces
    @Singleton
    DeployerMilestones milestones() {
        DeployTarget t = target();
        EcsDeployer ecs = ecsDeployers.isResolvable() ? ecsDeployers.get() : null;
        IntSupplier ports = t instanceof LocalProcessTarget ? DeployerProducer::freePort : () -> 0;
        return new DeployerMilestones(t, ecs, settings.budget(), ports, node.hostname());
    }

    @Produces
    @Singleton
    FleetActions fleetActions() {
        return new DeployTargetFleetActions(target());
    }

    private synchronized DeployTarget target() {
        if (target == null) {
            Config config = ConfigProvider.getConfig();
            settings = DeployerSettings.read(key -> config.getOptionalValue(key, String.class));
            target = switch (settings.target()) {
                case "local-process" ->
                    new LocalProcessTarget(
                            settings.workDir(), node.hostname(), settings.primaryIp(), settings.logLines());
                case "kubernetes" -> named("kubernetes");
                default -> new SimulatedTarget(Map.of("exchange", node.exchange()));
            };
            LOG.log(
                    Level.INFO,
                    "Deployer: {0} on {1}",
                    settings,
                    target.getClass().getSimpleName());
        }
        return target;
    }

    private DeployTarget named(String name) {
        Instance<DeployTarget> named = targets.select(NamedLiteral.of(name));
        if (!named.isResolvable()) {
            throw new IllegalStateException("openaperture.deployer.target is " + name
                    + ", but this application has no DeployTarget named " + name
                    + "; choose simulated or local-process, or deploy a build that has it");
        }
        return named.get();
    }

    /** A port nothing listens on now, for an instance's {@code <%= dst_port %>} and {@code PORT}. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for a unit instance", e);
        }
    }

    @PreDestroy
    synchronized void close() {
        // A target the container made (kubernetes) is the container's to close.
        if (target instanceof LocalProcessTarget local) {
            local.close();
        }
    }
}
