package org.openaperture.jms.amqp.outbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The {@code jakarta.jms.ConnectionFactory} applications look up. Each {@link #createConnection()} borrows a
 * pooled physical connection; closing the returned {@link Connection} closes its sessions and gives the
 * physical connection back to the pool. Send through a {@code Connection}; {@code JMSContext} is not offered.
 * As a {@link BrokerConnectionFactory} it also lends pooled connections to other brokers.
 */
public class AmqpConnectionFactory implements BrokerConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;
    private static final String NO_CONTEXT = "the AMQP resource adapter offers no JMSContext: use"
            + " createConnection(), createSession() and a MessageProducer, and close the connection when done";

    private final AmqpManagedConnectionFactory managedConnectionFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    AmqpConnectionFactory(AmqpManagedConnectionFactory managedConnectionFactory, ConnectionManager connectionManager) {
        this.managedConnectionFactory = managedConnectionFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new AmqpConnectionRequestInfo(null, userName, password));
    }

    @Override
    public Connection createConnection(String connectionUrl, String userName, String password) throws JMSException {
        if (connectionUrl == null || connectionUrl.isBlank()) {
            throw new JMSException("createConnection(connectionUrl, userName, password) needs a connection URL,"
                    + " e.g. amqp://broker:5672; createConnection() uses the configured one");
        }
        return allocate(new AmqpConnectionRequestInfo(connectionUrl.trim(), userName, password));
    }

    private Connection allocate(ConnectionRequestInfo requestInfo) throws JMSException {
        try {
            return (Connection) connectionManager.allocateConnection(managedConnectionFactory, requestInfo);
        } catch (ResourceException e) {
            if (e.getCause() instanceof JMSException jms) {
                throw jms;
            }
            JMSException failure = new JMSException("cannot get a pooled AMQP connection: " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public JMSContext createContext() {
        throw new JMSRuntimeException(NO_CONTEXT);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        throw new JMSRuntimeException(NO_CONTEXT);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        throw new JMSRuntimeException(NO_CONTEXT);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new JMSRuntimeException(NO_CONTEXT);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
