package org.openaperture.jms.amqp.inbound;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openaperture.jms.amqp.AmqpResourceAdapter;

/**
 * One endpoint activation: keeps a {@link ListenerConnection} open from {@link #start()} to {@link #stop()},
 * reconnecting every {@code reconnectDelay} ms after a failure. Connecting happens in the background, never
 * on the deploying thread, so an unreachable broker delays consumption but never fails or blocks a
 * deployment.
 *
 * <p>The adapter's scheduler only keeps time; whatever blocks (connecting, probing the error queue, closing a
 * connection that waits for a running delivery) runs on the adapter's worker pool, so that one slow
 * activation never holds up another.
 *
 * <p>No delivery after {@link #stop()} returns (the Connectors rule for {@code endpointDeactivation}): every
 * connection from its creation until its close has finished is tracked under the lock; a connection starts
 * delivering only after it was adopted as {@code current}, under the lock, and never once stopped; and
 * {@code stop()} closes every tracked connection (opening, current or being retired after a failure) and
 * waits for them, deliveries in progress included, up to {@code RequestTimeout}.
 */
public final class Activation {

    private static final Logger LOG = System.getLogger(Activation.class.getName());

    private final MessageEndpointFactory endpointFactory;
    private final InboundConfig config;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final DeliveryAttempts attempts = new DeliveryAttempts(DeliveryAttempts.DEFAULT_CAPACITY);

    private final Object lock = new Object();
    private final Set<ListenerConnection> live = new HashSet<>();
    private ListenerConnection current;
    private boolean stopped;
    private int failedConnects;

    private Activation(
            MessageEndpointFactory endpointFactory,
            InboundConfig config,
            ScheduledExecutorService scheduler,
            Executor worker) {
        this.endpointFactory = endpointFactory;
        this.config = config;
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
            AmqpResourceAdapter adapter,
            ScheduledExecutorService scheduler,
            Executor worker)
            throws ResourceException {
        return new Activation(endpointFactory, spec.resolve(adapter), scheduler, worker);
    }

    /** Starts connecting in the background. */
    public void start() {
        submit(this::connect, 0);
    }

    /**
     * Closes every connection of this activation and waits, at most {@code RequestTimeout} ms, until each is
     * closed and no delivery is running; unacknowledged messages go back to the queue.
     */
    public void stop() {
        List<ListenerConnection> toClose;
        synchronized (lock) {
            stopped = true;
            current = null;
            toClose = new ArrayList<>(live);
        }
        // In parallel, so that the wait is bounded by the slowest close, not their sum.
        toClose.forEach(connection -> runBlocking(connection::close, "amqp-ra-close"));
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(config.connection().requestTimeoutMs());
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
                            + config.connection().requestTimeoutMs() + " ms); its message is not acknowledged");
        } else {
            LOG.log(Level.INFO, "stopped consuming queue " + config.queue());
        }
    }

    private void connect() {
        ListenerConnection opening = new ListenerConnection(config, endpointFactory, attempts, this::connectionFailed);
        synchronized (lock) {
            if (stopped) {
                return;
            }
            live.add(opening);
        }
        try {
            opening.open();
        } catch (JMSException | RuntimeException e) {
            closeAndForget(opening);
            if (!isStopped()) {
                connectFailed(e);
            }
            return;
        }
        if (!adopt(opening)) {
            closeAndForget(opening);
            if (!isStopped()) {
                connectFailed(new JMSException("the connection failed while its consumers were being created"));
            }
            return;
        }
        // Delivery starts only now that stop() would find this connection as current: a stop() in between
        // makes start() a no-op, because ListenerConnection orders start() and close() under its own lock.
        try {
            opening.start();
        } catch (JMSException | RuntimeException e) {
            opening.fail(e);
        }
    }

    private boolean adopt(ListenerConnection opened) {
        synchronized (lock) {
            if (stopped || !opened.isOpen()) {
                return false;
            }
            current = opened;
            LOG.log(
                    Level.INFO,
                    "connected to " + config.connection().safeUrl() + " as "
                            + config.connection().userName()
                            + (failedConnects > 0 ? " after " + failedConnects + " failed attempts" : "")
                            + ": consuming queue " + config.queue() + " ("
                            + config.sourceAddress() + ") with " + config.maxSessions()
                            + " session(s), dead letters to "
                            + config.errorQueue());
            failedConnects = 0;
            return true;
        }
    }

    private void connectFailed(Exception cause) {
        boolean first;
        synchronized (lock) {
            first = failedConnects++ == 0;
        }
        // The first failure of a run is news; repeating it every second while the broker is down is noise.
        LOG.log(
                first ? Level.WARNING : Level.DEBUG,
                "cannot connect to " + config.connection().safeUrl()
                        + " as " + config.connection().userName() + " for queue " + config.queue() + ": "
                        + Failures.reason(cause) + "; retrying every " + config.reconnectDelayMs() + " ms");
        submit(this::connect, config.reconnectDelayMs());
    }

    private void connectionFailed(ListenerConnection failed, Exception cause) {
        synchronized (lock) {
            if (current != failed) {
                return;
            }
            current = null;
        }
        LOG.log(
                Level.WARNING,
                "lost connection to " + config.connection().safeUrl() + " consuming queue "
                        + config.queue() + ": " + Failures.reason(cause) + "; reconnecting every "
                        + config.reconnectDelayMs() + " ms");
        retire(failed);
    }

    /**
     * Closes a failed connection, then schedules the next one after {@code reconnectDelay} (also when the
     * failure was a dead letter that could not be sent: the broker redelivers the message to the next
     * connection, and it must not come round in a tight loop). Not on the calling thread: that may be the
     * delivery thread, which closing waits for.
     */
    private void retire(ListenerConnection failed) {
        runBlocking(
                () -> {
                    closeAndForget(failed);
                    submit(this::connect, config.reconnectDelayMs());
                },
                "amqp-ra-close");
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
}
