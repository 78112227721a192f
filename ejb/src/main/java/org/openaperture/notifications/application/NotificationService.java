package org.openaperture.notifications.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.openaperture.messaging.processed.application.ProcessedMessages;
import org.openaperture.messaging.topology.domain.QueueNames;
import org.openaperture.notifications.domain.ChatNotification;
import org.openaperture.notifications.domain.ChatRooms;
import org.openaperture.notifications.domain.EmailNotification;

/**
 * Delivers the notifications of the {@code notifications_email} and {@code notifications_hipchat} queues
 * (components.md §7), each message once: its {@code oa_message_id} is recorded in the transaction that
 * delivers it, so a failed delivery leaves no record and a redelivery of a delivered message does nothing.
 *
 * <p>Every failure is thrown, never swallowed: the adapter retries the message with backoff and then
 * dead-letters it to {@code <queue>_error}. A body that breaks the contract (not JSON, no message, no valid
 * address) is an {@link org.openaperture.common.domain.InvalidRequestException}, which no retry can fix; an
 * unreachable or refusing mail server or webhook is a {@link NotificationDeliveryException}, which a retry
 * may. The original acknowledged chat messages whatever the webhook answered and rejected failed emails
 * without a retry; both now get the adapter's bounded retries (components.md §11).
 */
@Stateless
public class NotificationService {
    private static final Logger LOG = System.getLogger(NotificationService.class.getName());

    public static final String EMAIL_CONSUMER = QueueNames.NOTIFICATIONS_EMAIL;
    public static final String CHAT_CONSUMER = QueueNames.NOTIFICATIONS_HIPCHAT;

    @Inject
    ProcessedMessages processed;

    @Inject
    Mailer mailer;

    @Inject
    ChatSender chat;

    @Inject
    ChatRoomSettings rooms;

    /** Sends the email of one {@code notifications_email} message; {@code messageId} may be null. */
    public void email(String body, String messageId) {
        EmailNotification email = EmailNotification.parse(body);
        if (!processed.firstDelivery(EMAIL_CONSUMER, messageId)) {
            return;
        }
        mailer.send(email);
        LOG.log(
                Level.INFO,
                "email \"{0}\" sent to {1} recipient(s) (message {2})",
                email.subject(),
                email.addresses().size(),
                messageId);
    }

    /**
     * Posts one {@code notifications_hipchat} message to the default room and to every room it names that has
     * a webhook. Every room is tried; if any failed, the whole message fails (and a retry posts to the rooms
     * that had succeeded again).
     */
    public void chat(String body, String messageId) {
        ChatNotification notification = ChatNotification.parse(body);
        if (!processed.firstDelivery(CHAT_CONSUMER, messageId)) {
            return;
        }
        ChatRooms.Targets targets = rooms.current().targetsFor(notification);
        if (!targets.unknownRooms().isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "no chat webhook configured for room(s) {0}: skipped (message {1})",
                    targets.unknownRooms(),
                    messageId);
        }
        if (targets.targets().isEmpty()) {
            throw new NotificationDeliveryException("no chat webhook to post to: set "
                    + "openaperture.notifications.chat.webhook-url (the default room) or a webhook for one of the "
                    + "rooms " + notification.roomNames());
        }
        List<String> failures = new ArrayList<>();
        for (ChatRooms.Target target : targets.targets()) {
            try {
                chat.post(target.webhook(), notification.text());
            } catch (NotificationDeliveryException e) {
                failures.add(roomName(target) + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new NotificationDeliveryException("chat notification not delivered to "
                    + failures.size() + " of " + targets.targets().size() + " room(s): "
                    + String.join("; ", failures));
        }
        LOG.log(
                Level.INFO,
                "chat notification posted to {0} room(s) (message {1})",
                targets.targets().size(),
                messageId);
    }

    private static String roomName(ChatRooms.Target target) {
        return target.room() == null ? "the default room" : "room " + target.room();
    }
}
