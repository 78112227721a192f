package org.openaperture.jms.amqp.inbound;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import org.openaperture.jms.amqp.AddressDialect;

/**
 * One Qpid connection of an activation with its {@code maxSessions} consumer sessions. It is used once: when
 * it fails (the broker dropped it, or a dead letter could not be sent) it is closed whole and the activation
 * opens a new one, because closing the session is the only safe way to hand unacknowledged messages back to
 * RabbitMQ 3.x (closing a consumer that holds them crashes the channel, bug #7119).
 */
final class ListenerConnection {

    private static final Logger LOG = System.getLogger(ListenerConnection.class.getName());

    private final Connection connection;
    private final BiConsumer<ListenerConnection, Exception> onFailure;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean failed = new AtomicBoolean();

    private ListenerConnection(Connection connection, BiConsumer<ListenerConnection, Exception> onFailure) {
        this.connection = connection;
        this.onFailure = onFailure;
    }

    /** Connects, starts the consumers, and reports a later failure once to {@code onFailure}. */
    static ListenerConnection open(InboundConfig config, MessageEndpointFactory endpointFactory,
                                   DeliveryAttempts attempts, BiConsumer<ListenerConnection, Exception> onFailure)
            throws JMSException {
        Connection connection = config.connection()
                .newConnectionFactory(config.prefetch(), Set.of(config.errorAddress())).createConnection();
        ListenerConnection opened = new ListenerConnection(connection, onFailure);
        try {
            connection.setExceptionListener(opened::fail);
            opened.requireErrorQueue(config);
            for (int i = 0; i < config.maxSessions(); i++) {
                opened.addConsumer(config, endpointFactory, attempts);
            }
            connection.start();
            return opened;
        } catch (JMSException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * RabbitMQ 3.x accepts a send to {@code /amq/queue/<missing>} and drops the message, so a missing error
     * queue would swallow dead letters. Attaching a consumer without credit proves the queue exists and takes
     * nothing from it; closing its session (not the consumer) avoids the drain that crashes the channel.
     * Exchange addresses are not probed: a consumer there would leak a server-named queue.
     */
    private void requireErrorQueue(InboundConfig config) throws JMSException {
        if (!AddressDialect.isQueueAddress(config.errorAddress())) {
            return;
        }
        Session probe = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        try {
            probe.createConsumer(probe.createQueue(config.errorAddress()));
        } catch (JMSException e) {
            JMSException missing = new JMSException("error queue " + config.errorQueue() + " ("
                    + config.errorAddress() + ") is missing or unreadable; create it so that dead letters are kept ("
                    + e.getMessage() + ")");
            missing.setLinkedException(e); // not the cause: log lines name the innermost cause, and this says more
            throw missing;
        } finally {
            closeQuietly(probe);
        }
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the error queue probe", e);
        }
    }

    private void addConsumer(InboundConfig config, MessageEndpointFactory endpointFactory,
                             DeliveryAttempts attempts) throws JMSException {
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(config.sourceAddress()));
        DeadLetterSender deadLetters = new DeadLetterSender(session, config.errorAddress(), config.queue());
        consumer.setMessageListener(new QueueListener(this, config, endpointFactory, attempts, deadLetters));
    }

    boolean isOpen() {
        return closing.getCount() > 0;
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

    /** Closes the connection; Qpid waits for running listeners, and the broker requeues what is unacknowledged. */
    void close() {
        closing.countDown();
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing a failed AMQP connection", e);
        }
    }
}
