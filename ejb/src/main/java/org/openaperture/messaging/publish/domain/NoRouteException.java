package org.openaperture.messaging.publish.domain;

/**
 * A message cannot be routed because the messaging model lacks something, e.g. {@code broker 3 has no
 * connections}; the message says what to add.
 */
public class NoRouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoRouteException(String message) {
        super(message);
    }
}
