package org.openaperture.jms.amqp.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import org.openaperture.jms.amqp.settings.ConnectionSettings;

/**
 * What a {@code createConnection} call asked for beyond the factory's configuration: another broker (a null
 * {@code connectionUrl} keeps the factory's) and credentials. Pooled connections match on all three values,
 * so a connection is never lent to a caller that asked for another broker, user or password.
 *
 * @param connectionUrl Qpid connection URI, or null for the factory's own
 * @param userName      broker user, as given
 * @param password      broker password, as given; never part of {@link #toString()}
 */
record AmqpConnectionRequestInfo(String connectionUrl, String userName, String password)
        implements ConnectionRequestInfo {

    @Override
    public String toString() {
        return "AmqpConnectionRequestInfo[connectionUrl="
                + (connectionUrl == null ? "(the factory's)" : ConnectionSettings.withoutQueryOrUserInfo(connectionUrl))
                + ", userName=" + userName + "]";
    }
}
