package org.openaperture.jms.amqp.outbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.openaperture.jms.amqp.settings.ConnectionSettings;

/**
 * One pooled physical Qpid connection. It hands out {@link jakarta.jms.Connection} handles; closing a handle
 * closes the handle's sessions and tells the pool (CONNECTION_CLOSED) instead of closing the physical
 * connection. When Qpid reports the physical connection broken, it is closed and forgotten, so that the next
 * use opens a new one even if the pool lends this managed connection again, and the pool is told
 * (CONNECTION_ERROR_OCCURRED) so that it can destroy it; until then {@link #isBroken()} is true, which
 * {@link AmqpManagedConnectionFactory#getInvalidConnections} reports to a validating pool.
 */
public final class AmqpManagedConnection implements ManagedConnection {

    private static final Logger LOG = System.getLogger(AmqpManagedConnection.class.getName());

    private final AmqpManagedConnectionFactory factory;
    private final ConnectionSettings settings;
    private final ConnectionRequestInfo requestInfo;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<AmqpConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private Connection physical; // guarded by this
    private volatile boolean broken;
    private PrintWriter logWriter;

    AmqpManagedConnection(
            AmqpManagedConnectionFactory factory, ConnectionSettings settings, ConnectionRequestInfo requestInfo) {
        this.factory = factory;
        this.settings = settings;
        this.requestInfo = requestInfo;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        try {
            physical();
        } catch (JMSException e) {
            // The pool lent this connection and would count it as in use for good: tell it to destroy it.
            fire(new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e));
            throw new ResourceException(
                    "cannot connect to " + settings.safeUrl() + " as " + settings.userName() + ": " + e.getMessage(),
                    e);
        }
        AmqpConnectionHandle handle = new AmqpConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    /** The physical connection, connecting on first use and again after a failure. */
    synchronized Connection physical() throws JMSException {
        if (physical == null) {
            Connection connection = settings.newConnectionFactory().createConnection();
            connection.setExceptionListener(cause -> physicalFailed(connection, cause));
            physical = connection;
            broken = false;
        }
        return physical;
    }

    /** Whether the physical connection failed and no new one has been opened since. */
    boolean isBroken() {
        return broken;
    }

    private void physicalFailed(Connection failed, JMSException cause) {
        synchronized (this) {
            if (physical != failed) {
                return; // an earlier connection, already replaced
            }
            physical = null;
            broken = true;
        }
        LOG.log(
                Level.WARNING,
                "pooled AMQP connection to " + settings.safeUrl() + " failed: " + cause.getMessage()
                        + "; the pool will discard it, and its next use opens a new one");
        // Not on this thread: it is Qpid's connection thread, which the close would wait for.
        Thread closer = new Thread(() -> closeQuietly(failed), "amqp-ra-close");
        closer.setDaemon(true);
        closer.start();
        fire(new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause));
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing a pooled AMQP connection", e);
        }
    }

    /** Called by a handle that the application closed: the physical connection goes back to the pool. */
    void handleClosed(AmqpConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        fire(event);
    }

    private void fire(ConnectionEvent event) {
        for (ConnectionEventListener listener : listeners) {
            if (event.getId() == ConnectionEvent.CONNECTION_CLOSED) {
                listener.connectionClosed(event);
            } else {
                listener.connectionErrorOccurred(event);
            }
        }
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof AmqpConnectionHandle handle)) {
            throw new ResourceException("not a connection of the AMQP resource adapter: " + connection);
        }
        handle.owner().handles.remove(handle);
        handle.moveTo(this);
        handles.add(handle);
    }

    /** Invalidates the handles still out (closing their sessions); the physical connection stays open. */
    @Override
    public void cleanup() {
        for (AmqpConnectionHandle handle : handles) {
            handle.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        Connection connection;
        synchronized (this) {
            connection = physical;
            physical = null;
        }
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("the AMQP resource adapter supports no transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("the AMQP resource adapter supports no transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "AMQP 1.0 broker (Qpid JMS client)";
            }

            @Override
            public String getEISProductVersion() {
                return "1.0";
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return settings.userName();
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    AmqpManagedConnectionFactory factory() {
        return factory;
    }

    ConnectionRequestInfo requestInfo() {
        return requestInfo;
    }
}
