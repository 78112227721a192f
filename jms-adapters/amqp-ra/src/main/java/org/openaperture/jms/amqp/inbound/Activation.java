package org.openaperture.jms.amqp.inbound;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openaperture.jms.amqp.inbound.ActivationStatus.Broker;
import org.openaperture.jms.amqp.inbound.FailoverEvent.Type;
import org.openaperture.jms.amqp.settings.AdapterSettings;

/**
 * One endpoint activation: keeps a {@link ListenerConnection} open from {@link #start()} to {@link #stop()},
 * reconnecting every {@code reconnectDelay} ms after a failure. Connecting happens in the background, never
 * on the deploying thread, so an unreachable broker delays consumption but never fails or blocks a
 * deployment.
 *
 * <p>With a failover broker, the {@link FailoverRule} decides when the reconnection attempts go to the other
 * broker; with fail-back, a probe opens a connection to the primary every {@code failBackInterval} ms while the
 * activation is on the failover broker, and once one opens it becomes the current connection and the failover
 * connection is closed (its unacknowledged messages go back to the failover queue) before the primary one starts
 * delivering. Each switch is logged once and published to {@link FailoverEvents}.
 *
 * <p>The adapter's scheduler only keeps time; whatever blocks (connecting, probing the error queue, closing a
 * connection that waits for a running delivery) runs on the adapter's worker pool, so that one slow
 * activation never holds up another.
 *
 * <p>No delivery after {@link #stop()} returns (the Connectors rule for {@code endpointDeactivation}): every
 * connection from its creation until its close has finished is tracked under the lock; a connection starts
 * delivering only after it was adopted as {@code current}, under the lock, and never once stopped; and
 * {@code stop()} closes every tracked connection (opening, probing, current or being retired) and waits for
 * them, deliveries in progress included, up to {@code RequestTimeout}. At most one chain of reconnection attempts
 * and one chain of probes run at a time: each carries a number, and one whose number is no longer current ends.
 */
public final class Activation {

    private static final Logger LOG = System.getLogger(Activation.class.getName());

    private final MessageEndpointFactory endpointFactory;
    private final String activationName;
    private final InboundConfig config;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final DeliveryAttempts attempts = new DeliveryAttempts(DeliveryAttempts.DEFAULT_CAPACITY);

    private final Object lock = new Object();
    private final Set<ListenerConnection> live = new HashSet<>();
    private final FailoverRule rule;
    private ListenerConnection current;
    private boolean stopped;
    private long connectLoop;
    private long probeRun;
    private Instant brokerSince = Instant.now();

    private Activation(
            MessageEndpointFactory endpointFactory,
            InboundConfig config,
            ScheduledExecutorService scheduler,
            Executor worker) {
        this.endpointFactory = endpointFactory;
        this.activationName = activationName(endpointFactory);
        this.config = config;
        this.rule = config.newFailoverRule();
        this.scheduler = scheduler;
        this.worker = worker;
    }

    /**
     * Resolves the spec against the adapter; throws only for an invalid configuration.
     *
     * @param scheduler for delays only; its tasks must not block
     * @param worker    runs the blocking work: connecting and closing
     */
    public static Activation create(
            MessageEndpointFactory endpointFactory,
            AmqpActivationSpec spec,
            AdapterSettings adapter,
            ScheduledExecutorService scheduler,
            Executor worker)
            throws ResourceException {
        return new Activation(endpointFactory, spec.resolve(adapter), scheduler, worker);
    }

    /** Starts connecting in the background. */
    public void start() {
        FailoverEvents.register(this);
        long loop;
        synchronized (lock) {
            brokerSince = Instant.now();
            loop = connectLoop;
        }
        submit(() -> connect(loop), 0);
    }

    /**
     * Closes every connection of this activation and waits, at most {@code RequestTimeout} ms, until each is
     * closed and no delivery is running; unacknowledged messages go back to the queue.
     */
    public void stop() {
        FailoverEvents.unregister(this);
        List<ListenerConnection> toClose;
        synchronized (lock) {
            stopped = true;
            current = null;
            toClose = new ArrayList<>(live);
        }
        // In parallel, so that the wait is bounded by the slowest close, not their sum.
        toClose.forEach(connection -> runBlocking(connection::close, "amqp-ra-close"));
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(config.primary().connection().requestTimeoutMs());
        int unfinished = 0;
        try {
            for (ListenerConnection connection : toClose) {
                if (!connection.awaitClosed(deadline)) {
                    unfinished++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unfinished = -1;
        }
        if (unfinished != 0) {
            LOG.log(
                    Level.WARNING,
                    "stopped consuming queue " + config.queue() + " without waiting for every"
                            + " connection to close (a delivery may still be running after "
                            + config.primary().connection().requestTimeoutMs()
                            + " ms); its message is not acknowledged");
        } else {
            LOG.log(Level.INFO, "stopped consuming queue " + config.queue());
        }
    }

    /** Where this activation consumes now. */
    ActivationStatus status() {
        synchronized (lock) {
            BrokerQueue target = target();
            return new ActivationStatus(
                    activationName,
                    config.queue(),
                    rule.onFailover() ? Broker.FAILOVER : Broker.PRIMARY,
                    target.connection().safeUrl(),
                    target.queue(),
                    current != null && current.target() == target,
                    config.failover() != null,
                    brokerSince);
        }
    }

    /** One attempt of the reconnection chain {@code loop} to the broker the rule says is in use. */
    private void connect(long loop) {
        ListenerConnection opening;
        synchronized (lock) {
            if (stopped || loop != connectLoop) {
                return;
            }
            opening = new ListenerConnection(config, target(), endpointFactory, attempts, this::connectionFailed);
            live.add(opening);
        }
        try {
            opening.open();
        } catch (JMSException | RuntimeException e) {
            closeAndForget(opening);
            connectFailed(loop, opening.target(), e);
            return;
        }
        Adoption adoption = adopt(opening, loop);
        if (adoption == Adoption.ADOPTED) {
            startDelivery(opening);
            return;
        }
        closeAndForget(opening);
        if (adoption == Adoption.FAILED) {
            connectFailed(
                    loop,
                    opening.target(),
                    new JMSException("the connection failed while its consumers were being created"));
        }
    }

    private enum Adoption {
        ADOPTED,
        FAILED,
        /** The activation stopped, or another connection took over (a fail-back): nothing to retry. */
        SUPERSEDED
    }

    private Adoption adopt(ListenerConnection opened, long loop) {
        synchronized (lock) {
            if (stopped || loop != connectLoop) {
                return Adoption.SUPERSEDED;
            }
            if (!opened.isOpen()) {
                return Adoption.FAILED;
            }
            current = opened;
            logConnected(opened, rule.failures());
            rule.connected();
            return Adoption.ADOPTED;
        }
    }

    /**
     * Delivery starts only once stop() would find the connection as current: a stop() in between makes start()
     * a no-op, because ListenerConnection orders start() and close() under its own lock.
     */
    private static void startDelivery(ListenerConnection adopted) {
        try {
            adopted.start();
        } catch (JMSException | RuntimeException e) {
            adopted.fail(e);
        }
    }

    private void connectFailed(long loop, BrokerQueue target, Exception cause) {
        boolean first;
        FailoverEvent switched = null;
        synchronized (lock) {
            if (stopped || loop != connectLoop) {
                return;
            }
            first = rule.failures() == 0;
            int failures = rule.failures() + 1;
            if (rule.connectFailed()) {
                switched = switched(target, target(), failures + " connection attempts failed");
            }
        }
        // The first failure of a run is news; repeating it every second while the broker is down is noise.
        LOG.log(
                first ? Level.WARNING : Level.DEBUG,
                "cannot connect to " + target.connection().safeUrl()
                        + " as " + target.connection().userName() + " for queue " + target.queue() + ": "
                        + Failures.reason(cause)
                        + (switched == null ? "; retrying every " + config.reconnectDelayMs() + " ms" : ""));
        if (switched != null) {
            announce(switched, Level.WARNING);
        }
        submit(() -> connect(loop), config.reconnectDelayMs());
    }

    /**
     * Records a switch the rule made (under the lock): a new probe run starts when the activation is now on the
     * failover broker with fail-back on, and any earlier one ends.
     */
    private FailoverEvent switched(BrokerQueue from, BrokerQueue to, String reason) {
        brokerSince = Instant.now();
        long run = ++probeRun;
        if (rule.probesPrimary()) {
            submit(() -> probePrimary(run), config.failBackIntervalMs());
        }
        return new FailoverEvent(
                rule.onFailover() ? Type.FAILED_OVER : Type.FAILED_BACK,
                activationName,
                config.queue(),
                from.connection().safeUrl(),
                from.queue(),
                to.connection().safeUrl(),
                to.queue(),
                reason,
                brokerSince);
    }

    private void announce(FailoverEvent event, Level level) {
        LOG.log(
                level,
                (event.type() == Type.FAILED_OVER ? "failing over" : "failing back") + " queue " + event.queue()
                        + " from " + event.fromUrl() + " (queue " + event.fromQueue() + ") to " + event.toUrl()
                        + " (queue " + event.toQueue() + "): " + event.reason());
        FailoverEvents.publish(event);
    }

    /**
     * While on the failover broker with fail-back on: opens a whole connection to the primary (consumers
     * included, nothing delivered). If it opens, it takes over: the failover connection is closed, its running
     * deliveries finished and its unacknowledged messages returned, and only then does the primary one deliver.
     */
    private void probePrimary(long run) {
        ListenerConnection opening;
        synchronized (lock) {
            if (stopped || run != probeRun || !rule.probesPrimary()) {
                return;
            }
            opening =
                    new ListenerConnection(config, config.primary(), endpointFactory, attempts, this::connectionFailed);
            live.add(opening);
        }
        try {
            opening.open();
        } catch (JMSException | RuntimeException e) {
            closeAndForget(opening);
            LOG.log(
                    Level.DEBUG,
                    "fail-back probe: cannot connect to "
                            + config.primary().connection().safeUrl() + " for queue "
                            + config.queue() + ": " + Failures.reason(e) + "; probing again in "
                            + config.failBackIntervalMs() + " ms");
            submit(() -> probePrimary(run), config.failBackIntervalMs());
            return;
        }
        ListenerConnection replaced;
        FailoverEvent switched;
        synchronized (lock) {
            boolean wanted = !stopped && run == probeRun && rule.probesPrimary();
            if (!wanted || !opening.isOpen()) {
                replaced = null;
                switched = null;
                if (wanted) {
                    submit(() -> probePrimary(run), config.failBackIntervalMs());
                }
            } else {
                replaced = current;
                current = opening;
                connectLoop++; // a reconnection chain to the failover broker, if one runs, ends
                rule.failedBack();
                switched = switched(config.failover(), config.primary(), "the primary broker answers again");
            }
        }
        if (switched == null) {
            closeAndForget(opening);
            return;
        }
        announce(switched, Level.INFO);
        logConnected(opening, 0);
        if (replaced != null) {
            closeAndForget(replaced);
        }
        startDelivery(opening);
    }

    private void connectionFailed(ListenerConnection failed, Exception cause) {
        long loop;
        synchronized (lock) {
            if (current != failed) {
                return;
            }
            current = null;
            loop = ++connectLoop;
        }
        LOG.log(
                Level.WARNING,
                "lost connection to " + failed.target().connection().safeUrl() + " consuming queue "
                        + failed.target().queue() + ": " + Failures.reason(cause) + "; reconnecting every "
                        + config.reconnectDelayMs() + " ms");
        retire(failed, loop);
    }

    /**
     * Closes a failed connection, then starts the reconnection chain {@code loop} after {@code reconnectDelay}
     * (also when the failure was a dead letter that could not be sent: the broker redelivers the message to the
     * next connection, and it must not come round in a tight loop). Not on the calling thread: that may be the
     * delivery thread, which closing waits for.
     */
    private void retire(ListenerConnection failed, long loop) {
        runBlocking(
                () -> {
                    closeAndForget(failed);
                    submit(() -> connect(loop), config.reconnectDelayMs());
                },
                "amqp-ra-close");
    }

    private void logConnected(ListenerConnection opened, int failedAttempts) {
        BrokerQueue target = opened.target();
        LOG.log(
                Level.INFO,
                "connected to " + target.connection().safeUrl() + " as "
                        + target.connection().userName()
                        + (failedAttempts > 0 ? " after " + failedAttempts + " failed attempts" : "")
                        + ": consuming queue " + target.queue() + " ("
                        + target.sourceAddress() + ") with " + config.maxSessions()
                        + " session(s), dead letters to "
                        + target.errorQueue());
    }

    /** The queue and broker in use, by the rule. Under the lock. */
    private BrokerQueue target() {
        return rule.onFailover() ? config.failover() : config.primary();
    }

    private void closeAndForget(ListenerConnection connection) {
        connection.close();
        synchronized (lock) {
            live.remove(connection);
        }
    }

    /** Runs {@code task} after {@code delayMs} on the worker pool; the scheduler itself never blocks. */
    private void submit(Runnable task, long delayMs) {
        if (isStopped()) {
            return;
        }
        try {
            scheduler.schedule(() -> runBlocking(task, null), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "the resource adapter is stopping; not reconnecting queue " + config.queue());
        }
    }

    /**
     * Runs blocking work on the worker pool. Once the adapter has shut the pool down, work that must still
     * happen (closing, named by {@code fallbackThreadName}) gets a thread of its own; other work is dropped.
     */
    private void runBlocking(Runnable task, String fallbackThreadName) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopping) {
            if (fallbackThreadName != null) {
                Thread thread = new Thread(task, fallbackThreadName);
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private static String activationName(MessageEndpointFactory endpointFactory) {
        try {
            return endpointFactory.getActivationName();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
