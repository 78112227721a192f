package org.openaperture.notifications.application;

import java.net.URI;

/**
 * Posts a text to a chat webhook. The webhook URL is a credential (whoever knows it can post), so an
 * implementation names only its scheme and host in errors and log lines.
 */
public interface ChatSender {

    /**
     * Returns once the webhook answered with a 2xx status.
     *
     * @throws NotificationDeliveryException on any other status, a timeout or no connection
     */
    void post(URI webhook, String text);
}
