package org.openaperture.messaging.registry.domain;

import java.util.Objects;

/**
 * How to reach a broker through one of its connections: host, port (null: the client's default), virtual
 * host and credentials, with the password in plain text. It is a secret: {@link #toString()} leaves it out,
 * and no log line may carry it.
 */
public record ConnectionOptions(
        long id, long brokerId, String host, Integer port, String virtualHost, String username, String password) {

    public ConnectionOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        virtualHost = virtualHost == null ? BrokerConnection.DEFAULT_VIRTUAL_HOST : virtualHost;
    }

    @Override
    public String toString() {
        return "connection " + id + " of broker " + brokerId + " (" + username + "@" + host
                + (port == null ? "" : ":" + port) + virtualHost + ")";
    }
}
