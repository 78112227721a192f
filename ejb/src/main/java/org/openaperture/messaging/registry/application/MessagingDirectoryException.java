package org.openaperture.messaging.registry.application;

/** The messaging model could not be read, e.g. the Manager did not answer; the message says where and why. */
public class MessagingDirectoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessagingDirectoryException(String message) {
        super(message);
    }

    public MessagingDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
