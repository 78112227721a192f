package org.openaperture.jms.amqp.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link Connection} an application holds: it delegates to the managed connection's physical Qpid
 * connection and remembers the sessions it created. {@link #close()} closes those sessions and returns the
 * physical connection to the pool. What Jakarta Messaging forbids on a pooled connection in a web or EJB
 * container ({@code setClientID}, {@code setExceptionListener}, {@code stop}, connection consumers) throws
 * {@link IllegalStateException}: it would change a connection that other callers share.
 */
public final class AmqpConnectionHandle implements Connection {

    private static final Logger LOG = System.getLogger(AmqpConnectionHandle.class.getName());

    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private volatile AmqpManagedConnection owner;
    private volatile boolean closed;

    AmqpConnectionHandle(AmqpManagedConnection owner) {
        this.owner = owner;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        if (transacted || acknowledgeMode == Session.SESSION_TRANSACTED) {
            throw noTransactions();
        }
        return track(physical().createSession(false, acknowledgeMode));
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        if (sessionMode == Session.SESSION_TRANSACTED) {
            throw noTransactions();
        }
        return track(physical().createSession(sessionMode));
    }

    @Override
    public Session createSession() throws JMSException {
        return track(physical().createSession());
    }

    @Override
    public String getClientID() throws JMSException {
        return physical().getClientID();
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        physical();
        return null;
    }

    @Override
    public void start() throws JMSException {
        physical().start();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw forbidden("setClientID");
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw forbidden("setExceptionListener");
    }

    @Override
    public void stop() throws JMSException {
        throw forbidden("stop");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(
            Destination destination, String messageSelector, ServerSessionPool sessionPool, int maxMessages)
            throws JMSException {
        throw forbidden("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(
            Topic topic,
            String subscriptionName,
            String messageSelector,
            ServerSessionPool sessionPool,
            int maxMessages)
            throws JMSException {
        throw forbidden("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(
            Topic topic,
            String subscriptionName,
            String messageSelector,
            ServerSessionPool sessionPool,
            int maxMessages)
            throws JMSException {
        throw forbidden("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(
            Topic topic,
            String subscriptionName,
            String messageSelector,
            ServerSessionPool sessionPool,
            int maxMessages)
            throws JMSException {
        throw forbidden("createSharedDurableConnectionConsumer");
    }

    /** Closes this handle's sessions and gives the physical connection back to the pool. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        invalidate();
        owner.handleClosed(this);
    }

    /** Closes this handle's sessions and refuses further calls, without telling the pool. */
    void invalidate() {
        closed = true;
        for (Session session : sessions) {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.DEBUG, "closing a session of a pooled AMQP connection", e);
            }
        }
        sessions.clear();
    }

    void moveTo(AmqpManagedConnection newOwner) {
        this.owner = newOwner;
    }

    AmqpManagedConnection owner() {
        return owner;
    }

    private Connection physical() throws JMSException {
        checkOpen();
        return owner.physical();
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("this AMQP connection is closed");
        }
    }

    private Session track(Session session) {
        sessions.add(session);
        return session;
    }

    /**
     * Refused at once: RabbitMQ 3.x's AMQP 1.0 plugin has no transactions and ends the session instead of
     * refusing it, so Qpid would wait the whole RequestTimeout. JMSException is what Jakarta Messaging names
     * for "lack of support for the specific transaction and acknowledgement mode".
     */
    private JMSException noTransactions() throws JMSException {
        checkOpen();
        return new JMSException("the AMQP resource adapter supports no transactions (RabbitMQ's AMQP 1.0 plugin"
                + " has none): create the session with Session.AUTO_ACKNOWLEDGE or CLIENT_ACKNOWLEDGE");
    }

    private IllegalStateException forbidden(String method) throws JMSException {
        physical();
        return new IllegalStateException(method + " is not allowed on a pooled connection in an application"
                + " server (Jakarta Messaging 3.1, section 12.2)");
    }

    @Override
    public String toString() {
        return "AmqpConnectionHandle@" + Integer.toHexString(System.identityHashCode(this))
                + (closed ? "[closed]" : "");
    }
}
