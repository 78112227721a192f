package org.openaperture.messaging.publish.domain;

/** A broker could not be reached, or did not confirm a send in time: worth another attempt, or a failover. */
public class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
