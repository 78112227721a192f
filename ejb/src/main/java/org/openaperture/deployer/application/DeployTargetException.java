package org.openaperture.deployer.application;

/** A deploy target could not do what was asked; the message says what and why, for a person to act on. */
public class DeployTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeployTargetException(String message) {
        super(message);
    }

    public DeployTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
