package org.openaperture.messaging.topology.application;

/**
 * The broker's management API did not answer, or refused: the message names the URL and what happened, so
 * an operator can act ({@code openaperture.rabbitmq.management.*}). Never carries a password.
 */
public class BrokerManagementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerManagementException(String message, Throwable cause) {
        super(message, cause);
    }

    public BrokerManagementException(String message) {
        super(message);
    }
}
