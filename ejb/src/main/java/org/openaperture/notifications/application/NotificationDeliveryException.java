package org.openaperture.notifications.application;

/**
 * A notification could not be delivered for a reason outside the message (the mail server or a webhook was
 * unreachable, refused it, timed out, or is not configured): a retry may succeed.
 */
public class NotificationDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotificationDeliveryException(String message) {
        super(message);
    }

    public NotificationDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
