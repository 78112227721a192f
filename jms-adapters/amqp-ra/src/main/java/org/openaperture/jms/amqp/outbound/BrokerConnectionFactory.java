package org.openaperture.jms.amqp.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * A pooled {@link ConnectionFactory} that can also be asked for a connection to another broker than the one it
 * is configured for. The connector resource (the adapter's {@code jakarta.jms.ConnectionFactory}) implements
 * it: look the resource up as usual and cast it, or inject it with this type.
 *
 * <pre>{@code
 * @Resource(lookup = "jms/app/ConnectionFactory")
 * private ConnectionFactory factory;
 * ...
 * try (Connection connection = ((BrokerConnectionFactory) factory)
 *         .createConnection("amqp://broker-2:5672", "app", secret)) {
 *     Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
 *     ...
 * }
 * }</pre>
 *
 * <p>Connections come from the server's pool of the connector resource: a pooled connection is reused only for
 * the same URL, user name and password, and closing the returned {@link Connection} gives it back. Every
 * connection gets the resource's connect, send and request timeouts (an option in the URL does not override
 * them), and neither the password nor the URL's user info or password-like query options appear in a log line
 * or exception message. The application's classes must see this interface from the resource adapter (compile
 * against the adapter jar with {@code provided} scope, do not package it), or the cast fails.
 */
public interface BrokerConnectionFactory extends ConnectionFactory {

    /**
     * A pooled connection to the broker at {@code connectionUrl}, with these credentials.
     *
     * @param connectionUrl Qpid JMS connection URI, e.g. {@code amqp://broker-2:5672}; must not be empty
     * @param userName      broker user; {@code null} connects without credentials, as Qpid does
     * @param password      broker password; {@code null} for none
     * @return a connection handle; close it to return the physical connection to the pool
     * @throws JMSException when the URL is empty or invalid, or the broker cannot be reached within the
     *                      connect timeout or refuses the credentials
     */
    Connection createConnection(String connectionUrl, String userName, String password) throws JMSException;
}
