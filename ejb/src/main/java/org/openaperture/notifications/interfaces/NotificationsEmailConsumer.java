package org.openaperture.notifications.interfaces;

import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.openaperture.messaging.publish.infrastructure.MessageBodies;
import org.openaperture.notifications.application.NotificationService;

/**
 * Consumes the node's {@code notifications_email} queue. The queue, the resource adapter and whether this node
 * consumes it at all ({@code openaperture.notifications.enabled}) are bound in {@code glassfish-ejb-jar.xml}. A
 * failure propagates to the adapter, which retries with backoff and then dead-letters the message to
 * {@code <queue>_error}.
 */
@MessageDriven(name = "NotificationsEmailConsumer")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationsEmailConsumer implements MessageListener {

    @Inject
    NotificationService notifications;

    @Override
    public void onMessage(Message message) {
        notifications.email(MessageBodies.text(message), MessageBodies.messageId(message));
    }
}
