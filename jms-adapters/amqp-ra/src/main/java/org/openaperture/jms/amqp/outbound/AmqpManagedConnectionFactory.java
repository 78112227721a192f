package org.openaperture.jms.amqp.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.Subject;
import org.openaperture.jms.amqp.AmqpResourceAdapter;
import org.openaperture.jms.amqp.settings.ConnectionSettings;

/**
 * Outbound connection definition for {@code jakarta.jms.ConnectionFactory}: the server pools
 * {@link AmqpManagedConnection}s, each one physical Qpid connection, and applications get
 * {@link AmqpConnectionFactory} handles. Properties left unset fall back to the resource adapter's.
 * No transactions (RabbitMQ's AMQP 1.0 plugin has none) and no reauthentication; a pooled connection is
 * reused only for the same broker URL, user and password of {@code createConnection(user, password)} or
 * {@link BrokerConnectionFactory#createConnection(String, String, String)}. A pool that validates its
 * connections learns from {@link #getInvalidConnections} which ones lost their physical connection.
 */
public class AmqpManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, ValidatingManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    private String connectionUrl;
    private String userName;
    private String password;
    private Long connectTimeout;
    private Long sendTimeout;
    private Long requestTimeout;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new AmqpConnectionFactory(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("the AMQP connection factory needs an application server's connection"
                + " pool; look it up as a connector resource instead of building it by hand");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo requestInfo)
            throws ResourceException {
        return new AmqpManagedConnection(this, settings(requestInfo), requestInfo);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(
            Set candidates, Subject subject, ConnectionRequestInfo requestInfo) {
        for (Object candidate : candidates) {
            if (candidate instanceof AmqpManagedConnection connection
                    && equals(connection.factory())
                    && Objects.equals(connection.requestInfo(), requestInfo)) {
                return connection;
            }
        }
        return null;
    }

    /** The managed connections of this adapter among {@code connections} whose physical connection failed. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) {
        Set<ManagedConnection> invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof AmqpManagedConnection connection && connection.isBroken()) {
                invalid.add(connection);
            }
        }
        return invalid;
    }

    /**
     * This factory's settings over the adapter's, with the broker and credentials of the request when it has
     * any; the timeouts are always the factory's.
     */
    ConnectionSettings settings(ConnectionRequestInfo requestInfo) throws ResourceException {
        AmqpResourceAdapter adapter =
                resourceAdapter instanceof AmqpResourceAdapter ra ? ra : new AmqpResourceAdapter();
        try {
            ConnectionSettings base = adapter.connectionSettings();
            ConnectionSettings settings = new ConnectionSettings(
                    or(connectionUrl, base.url()),
                    or(userName, base.userName()),
                    or(password, base.password()),
                    or(connectTimeout, base.connectTimeoutMs()),
                    or(sendTimeout, base.sendTimeoutMs()),
                    or(requestTimeout, base.requestTimeoutMs()));
            if (!(requestInfo instanceof AmqpConnectionRequestInfo request)) {
                return settings;
            }
            return request.connectionUrl() == null
                    ? settings.withCredentials(request.userName(), request.password())
                    : settings.withBroker(request.connectionUrl(), request.userName(), request.password());
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("invalid AMQP connection factory: " + e.getMessage(), e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value instanceof String text && text.isBlank() || value == null ? fallback : value;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter logWriter) {
        this.logWriter = logWriter;
    }

    /** Equal configuration means interchangeable pooled connections (the Connectors contract). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AmqpManagedConnectionFactory that
                && Objects.equals(connectionUrl, that.connectionUrl)
                && Objects.equals(userName, that.userName)
                && Objects.equals(password, that.password)
                && Objects.equals(connectTimeout, that.connectTimeout)
                && Objects.equals(sendTimeout, that.sendTimeout)
                && Objects.equals(requestTimeout, that.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectionUrl, userName, connectTimeout, sendTimeout, requestTimeout);
    }

    // ---- config properties (names as in ra.xml: ConnectionUrl, UserName, ...) ----

    public String getConnectionUrl() {
        return connectionUrl;
    }

    public void setConnectionUrl(String connectionUrl) {
        this.connectionUrl = connectionUrl;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Long getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
