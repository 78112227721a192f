package org.openaperture.jms.amqp.inbound;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.openaperture.jms.amqp.AmqpResourceAdapter;

/**
 * One endpoint activation: keeps a {@link ListenerConnection} open from {@link #start()} to {@link #stop()},
 * reconnecting every {@code reconnectDelay} ms after a failure. Connecting happens on the adapter's
 * scheduler, never on the deploying thread, so an unreachable broker delays consumption but never fails or
 * blocks a deployment.
 */
public final class Activation {

    private static final Logger LOG = System.getLogger(Activation.class.getName());

    private final MessageEndpointFactory endpointFactory;
    private final InboundConfig config;
    private final ScheduledExecutorService scheduler;
    private final DeliveryAttempts attempts = new DeliveryAttempts(DeliveryAttempts.DEFAULT_CAPACITY);

    private final Object lock = new Object();
    private ListenerConnection current;
    private boolean stopped;
    private int failedConnects;

    private Activation(MessageEndpointFactory endpointFactory, InboundConfig config,
                       ScheduledExecutorService scheduler) {
        this.endpointFactory = endpointFactory;
        this.config = config;
        this.scheduler = scheduler;
    }

    /** Resolves the spec against the adapter; throws only for an invalid configuration. */
    public static Activation create(MessageEndpointFactory endpointFactory, AmqpActivationSpec spec,
                                    AmqpResourceAdapter adapter, ScheduledExecutorService scheduler)
            throws ResourceException {
        return new Activation(endpointFactory, spec.resolve(adapter), scheduler);
    }

    /** Starts connecting in the background. */
    public void start() {
        submit(this::connect, 0);
    }

    /** Closes the connection, waiting for deliveries in progress; unacknowledged messages go back to the queue. */
    public void stop() {
        ListenerConnection open;
        synchronized (lock) {
            stopped = true;
            open = current;
            current = null;
        }
        if (open != null) {
            open.close();
        }
        LOG.log(Level.INFO, "stopped consuming queue " + config.queue());
    }

    private void connect() {
        if (isStopped()) {
            return;
        }
        ListenerConnection opened;
        try {
            opened = ListenerConnection.open(config, endpointFactory, attempts, this::connectionFailed);
        } catch (JMSException | RuntimeException e) {
            connectFailed(e);
            return;
        }
        if (!adopt(opened)) {
            opened.close();
            if (!isStopped()) {
                connectFailed(new JMSException("the connection failed while its consumers were being created"));
            }
        }
    }

    private boolean adopt(ListenerConnection opened) {
        synchronized (lock) {
            if (stopped || !opened.isOpen()) {
                return false;
            }
            current = opened;
            LOG.log(Level.INFO, "connected to " + config.connection().safeUrl() + " as "
                    + config.connection().userName() + (failedConnects > 0 ? " after " + failedConnects
                    + " failed attempts" : "") + ": consuming queue " + config.queue() + " ("
                    + config.sourceAddress() + ") with " + config.maxSessions() + " session(s), dead letters to "
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
        LOG.log(first ? Level.WARNING : Level.DEBUG, "cannot connect to " + config.connection().safeUrl()
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
        LOG.log(Level.WARNING, "lost connection to " + config.connection().safeUrl() + " consuming queue "
                + config.queue() + ": " + Failures.reason(cause) + "; reconnecting every "
                + config.reconnectDelayMs() + " ms");
        retire(failed);
    }

    /** Closes a failed connection and schedules the next; not on this thread, as closing waits for it. */
    private void retire(ListenerConnection failed) {
        try {
            scheduler.execute(() -> {
                failed.close();
                submit(this::connect, config.reconnectDelayMs());
            });
        } catch (RejectedExecutionException stopping) {
            Thread closer = new Thread(failed::close, "amqp-ra-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private void submit(Runnable task, long delayMs) {
        if (isStopped()) {
            return;
        }
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "the resource adapter is stopping; not reconnecting queue " + config.queue());
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }
}
