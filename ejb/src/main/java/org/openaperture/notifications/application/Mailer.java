package org.openaperture.notifications.application;

import org.openaperture.notifications.domain.EmailNotification;

/** Sends an email: one message to all its addresses, from the configured sender. */
public interface Mailer {

    /**
     * Returns once the mail server accepted the message.
     *
     * @throws NotificationDeliveryException when it did not (unreachable, refused, timed out, not configured)
     */
    void send(EmailNotification email);
}
