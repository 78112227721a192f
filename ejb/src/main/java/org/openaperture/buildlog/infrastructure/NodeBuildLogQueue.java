package org.openaperture.buildlog.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openaperture.messaging.registry.application.ExchangeService;
import org.openaperture.messaging.registry.application.ExchangeService.RoutedExchange;
import org.openaperture.messaging.registry.domain.Exchange;
import org.openaperture.messaging.topology.application.BrokerManagement;
import org.openaperture.messaging.topology.application.TopologyService;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.messaging.topology.domain.TopologyDrift;
import org.openaperture.node.NodeConfig;

/**
 * Keeps this node's build-log queue on the broker ({@link NodeBuildLogTopology}): queues are never declared
 * by consumers in this project, and no plan can know the Manager nodes, so each node declares its own
 * through the management API. Checked at start, every {@link #RETRY} until it is in place, then every
 * {@link #CHECK}: whatever is missing (the first start, a broker that lost its definitions, a queue expired
 * while the node was away) is declared; nothing else is touched. Until the queue exists the build-log consumer
 * keeps trying to connect. While this node's exchange is not in the model, or the management API does not
 * answer, one warning is logged and it tries again.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeBuildLogQueue {
    private static final Logger LOG = System.getLogger(NodeBuildLogQueue.class.getName());
    public static final String QUEUE = "openaperture.queue.build_logs";
    static final Duration CHECK = Duration.ofMinutes(1);
    static final Duration RETRY = Duration.ofSeconds(5);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    BrokerManagement broker;

    @Inject
    ExchangeService exchanges;

    @Inject
    TopologyService topology;

    @Inject
    NodeConfig node;

    @Inject
    @ConfigProperty(name = QUEUE, defaultValue = "aws:us-east-1.manager.build_logs")
    String queue;

    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;
    private volatile String lastProblem;

    @PostConstruct
    void start() {
        next = scheduler.schedule(this::checkAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        next.cancel(false);
    }

    private void checkAndReschedule() {
        Duration wait = check() ? CHECK : RETRY;
        if (!stopped) {
            next = scheduler.schedule(this::checkAndReschedule, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the queue is in place. */
    private boolean check() {
        try {
            Optional<Exchange> exchange = exchanges.findByIdOrName(node.exchange());
            if (exchange.isEmpty()) {
                problem("this node's exchange " + node.exchange() + " (openaperture.node.exchange) is not in the"
                        + " messaging model: no build logs reach this node until it is created");
                return false;
            }
            RoutedExchange routed = exchanges.getWithRoute(exchange.get().id());
            String key = routed.route().routingKeyFor(QueueNames.BUILD_LOGS);
            Definitions wanted = NodeBuildLogTopology.of(
                    broker.vhost(),
                    queue,
                    routed.exchange().name(),
                    key,
                    topology.plan(routed.route().rootExchangeName()).bindings());
            Definitions missing = TopologyDrift.between(wanted, broker.read()).missing();
            if (!missing.declaresNothing()) {
                broker.declare(missing);
                LOG.log(
                        Level.INFO,
                        "build logs of exchange {0} (key {1}) reach this node through queue {2}: declared {3}"
                                + " queue(s) and {4} binding(s)",
                        routed.exchange().name(),
                        key,
                        queue,
                        missing.queues().size(),
                        missing.bindings().size());
            }
            if (lastProblem != null) {
                LOG.log(Level.INFO, "build-log queue {0} is in place", queue);
                lastProblem = null;
            }
            return true;
        } catch (RuntimeException e) {
            problem("cannot keep this node's build-log queue " + queue + ": " + e.getMessage());
            return false;
        }
    }

    /** The first time a problem shows, and when it changes, is news; the same one every minute is noise. */
    private void problem(String message) {
        boolean news = !message.equals(lastProblem);
        lastProblem = message;
        LOG.log(news ? Level.WARNING : Level.DEBUG, message + "; trying again every " + RETRY.toSeconds() + " s");
    }
}
