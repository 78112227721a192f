package org.openaperture.jms.amqp.inbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.openaperture.jms.amqp.settings.AddressDialect;

/**
 * One Qpid connection of an activation with its {@code maxSessions} consumer sessions. It is used once: when
 * it fails (the broker dropped it, or a dead letter could not be sent) it is closed whole and the activation
 * opens a new one, because closing the session is the only safe way to hand unacknowledged messages back to
 * RabbitMQ 3.x (closing a consumer that holds them crashes the channel, bug #7119).
 *
 * <p>Life cycle: {@link #open()} connects and creates the consumers without delivering anything;
 * {@link #start()} starts delivery; {@link #close()} may come at any point, from another thread, and once it
 * has begun nothing starts: neither delivery (if start had not happened yet) nor a new call into an endpoint.
 * Close then waits for the deliveries already running, so that once {@link #awaitClosed} returns true no
 * endpoint of this connection is in use.
 */
final class ListenerConnection {

    private static final Logger LOG = System.getLogger(ListenerConnection.class.getName());

    private final InboundConfig config;
    private final BrokerQueue target;
    private final MessageEndpointFactory endpointFactory;
    private final DeliveryAttempts attempts;
    private final BiConsumer<ListenerConnection, Exception> onFailure;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();

    // Guarded by this: close() must see every delivery that entered, and start() must not follow close().
    private Connection connection;
    private boolean closeStarted;
    private int runningDeliveries;

    /** Connects nothing yet: see {@link #open()}. */
    ListenerConnection(
            InboundConfig config,
            BrokerQueue target,
            MessageEndpointFactory endpointFactory,
            DeliveryAttempts attempts,
            BiConsumer<ListenerConnection, Exception> onFailure) {
        this.config = config;
        this.target = target;
        this.endpointFactory = endpointFactory;
        this.attempts = attempts;
        this.onFailure = onFailure;
    }

    /**
     * Connects, checks the error queue and creates the consumers, but delivers nothing until {@link #start()}.
     * Reports a later failure once to {@code onFailure}. Fails if {@link #close()} came first or meanwhile.
     */
    void open() throws JMSException {
        Connection created = target.connection()
                .newConnectionFactory(config.prefetch(), Set.of(target.errorAddress()))
                .createConnection();
        synchronized (this) {
            if (closeStarted) {
                closeQuietly(created);
                throw new JMSException("the activation stopped while connecting");
            }
            connection = created;
        }
        created.setExceptionListener(this::fail);
        requireErrorQueue(created);
        for (int i = 0; i < config.maxSessions(); i++) {
            addConsumer(created);
        }
    }

    /** Starts delivery, unless closing has begun; returns whether it started. */
    synchronized boolean start() throws JMSException {
        if (closeStarted || !isOpen()) {
            return false;
        }
        connection.start();
        return true;
    }

    /**
     * RabbitMQ 3.x accepts a send to {@code /amq/queue/<missing>} and drops the message, so a missing error
     * queue would swallow dead letters. Attaching a consumer without credit proves the queue exists and takes
     * nothing from it; closing its session (not the consumer) avoids the drain that crashes the channel.
     * Exchange addresses are not probed: a consumer there would leak a server-named queue.
     */
    private void requireErrorQueue(Connection created) throws JMSException {
        if (!AddressDialect.isQueueAddress(target.errorAddress())) {
            return;
        }
        Session probe = created.createSession(Session.CLIENT_ACKNOWLEDGE);
        try {
            probe.createConsumer(probe.createQueue(target.errorAddress()));
        } catch (JMSException e) {
            JMSException missing = new JMSException("error queue " + target.errorQueue() + " ("
                    + target.errorAddress() + ") is missing or unreadable; create it so that dead letters are kept ("
                    + e.getMessage() + ")");
            missing.setLinkedException(e); // not the cause: log lines name the innermost cause, and this says more
            throw missing;
        } finally {
            try {
                probe.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.DEBUG, "closing the error queue probe", e);
            }
        }
    }

    private void addConsumer(Connection created) throws JMSException {
        Session session = created.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(target.sourceAddress()));
        DeadLetterSender deadLetters = new DeadLetterSender(session, target.errorAddress(), target.queue());
        RetrySender retries = new RetrySender(session, target.sourceAddress());
        consumer.setMessageListener(
                new QueueListener(this, config, target, endpointFactory, attempts, deadLetters, retries));
    }

    /** The queue and broker this connection consumes. */
    BrokerQueue target() {
        return target;
    }

    boolean isOpen() {
        return closing.getCount() > 0;
    }

    /**
     * Registers a delivery about to call an endpoint; false once the connection is closing, and then the
     * message must be left unacknowledged for the broker to redeliver. Pair a true result with
     * {@link #deliveryEnded()}.
     */
    synchronized boolean deliveryStarting() {
        if (closeStarted || !isOpen()) {
            return false;
        }
        runningDeliveries++;
        return true;
    }

    synchronized void deliveryEnded() {
        runningDeliveries--;
        notifyAll();
    }

    /** Waits up to {@code millis}, less if the connection starts closing; an interrupt fails the connection. */
    void pause(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    /** Stops deliveries at once and reports the failure (once) so that the owner replaces this connection. */
    void fail(Exception cause) {
        closing.countDown();
        if (failed.compareAndSet(false, true)) {
            onFailure.accept(this, cause);
        }
    }

    /**
     * Stops new deliveries, waits for the running ones (a delivery thread must never call this), then closes
     * the connection; the broker requeues what is unacknowledged. Only the first call does the work; see
     * {@link #awaitClosed} to wait for it from elsewhere.
     */
    void close() {
        Connection toClose;
        synchronized (this) {
            if (closeStarted) {
                return;
            }
            closeStarted = true;
            closing.countDown();
            // Waited for here rather than left to Qpid: whatever state the Qpid connection is in, no endpoint
            // may be in use once close() returns, and a delivery that ends before the close can still acknowledge.
            try {
                while (runningDeliveries > 0) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            toClose = connection;
        }
        closeQuietly(toClose);
        closed.countDown();
    }

    /** Whether {@link #close()} finished (no delivery of this connection still running) by the deadline. */
    boolean awaitClosed(long deadlineNanos) throws InterruptedException {
        return closed.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing an AMQP listener connection", e);
        }
    }
}
