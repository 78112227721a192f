package org.openaperture.jms.amqp.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

/** The credentials of {@code createConnection(user, password)}; pooled connections match on them. */
record AmqpConnectionRequestInfo(String userName, String password) implements ConnectionRequestInfo {

    @Override
    public String toString() {
        return "AmqpConnectionRequestInfo[userName=" + userName + "]";
    }
}
