package org.openaperture.notifications.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;
import org.openaperture.messaging.processed.application.ProcessedMessagesOn;
import org.openaperture.notifications.domain.ChatRooms;
import org.openaperture.notifications.domain.EmailNotification;
import org.openaperture.testing.MigratedH2;

/**
 * The Notifications dispatcher (components.md §7, the original dispatcher cases of §10.5) with a recording
 * mailer and chat sender, idempotency on H2 migrated by Flyway. "ack" is returning normally; "reject" is
 * throwing, which makes the adapter retry the message with backoff and then dead-letter it.
 */
class NotificationServiceTest {
    private static final URI DEFAULT_ROOM = URI.create("https://hooks.example.com/default");
    private static final URI DEPLOYS_ROOM = URI.create("https://hooks.example.com/deploys");
    private static final String EMAIL = "{\"prefix\":\"[OpenAperture][SystemEvent]\",\"message\":\"assigned\","
            + "\"notifications\":{\"email_addresses\":[\"ops@example.com\",\"test@test\"]}}";
    private static final String CHAT = "{\"is_success\":true,\"prefix\":\"[OA][1][org/app]\",\"message\":\"done\","
            + "\"room_names\":[\"deploys\"]}";

    private MigratedH2 db;
    private EntityManager em;
    private NotificationService service;
    private final List<EmailNotification> sent = new ArrayList<>();
    private final List<String> posted = new ArrayList<>();
    private final Set<URI> failingWebhooks = new java.util.HashSet<>();
    private RuntimeException mailFailure;

    @BeforeEach
    void setUp() {
        db = new MigratedH2();
        em = db.em();
        service = new NotificationService();
        service.processed = ProcessedMessagesOn.entityManager(em);
        service.mailer = email -> {
            if (mailFailure != null) {
                throw mailFailure;
            }
            sent.add(email);
        };
        service.chat = (webhook, text) -> {
            if (failingWebhooks.contains(webhook)) {
                throw new NotificationDeliveryException("chat webhook https://hooks.example.com answered 500: ");
            }
            posted.add(webhook + " " + text);
        };
        service.rooms = () -> new ChatRooms(
                Optional.of(DEFAULT_ROOM),
                room -> Optional.ofNullable(Map.of("deploys", DEPLOYS_ROOM).get(room)));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** One delivery, in a transaction as the container gives it: committed on success, rolled back on a throw. */
    private void deliver(Runnable handle) {
        em.getTransaction().begin();
        try {
            handle.run();
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            em.getTransaction().rollback();
            throw e;
        } finally {
            em.clear();
        }
    }

    @Test
    @DisplayName("send_emails -> Mailer.deliver; email ok -> ack: one message to the valid addresses")
    void sendEmails() {
        deliver(() -> service.email(EMAIL, "m-1"));

        assertEquals(1, sent.size());
        assertEquals("[OpenAperture][SystemEvent]", sent.get(0).subject());
        assertEquals("assigned", sent.get(0).body());
        assertEquals(List.of("ops@example.com"), sent.get(0).addresses());
    }

    @Test
    @DisplayName("email error -> reject (was: no requeue; now the adapter's bounded retries, then the dead letter)")
    void emailError() {
        mailFailure = new NotificationDeliveryException("email not sent through smtp://mail:587: Connection refused");

        assertThrows(NotificationDeliveryException.class, () -> deliver(() -> service.email(EMAIL, "m-1")));

        mailFailure = null;
        deliver(() -> service.email(EMAIL, "m-1"));
        assertEquals(1, sent.size(), "the failed attempt left no record: the retry sends");
    }

    @Test
    @DisplayName("a redelivered email (same oa_message_id) is not sent again; one without an id always is")
    void emailOnce() {
        deliver(() -> service.email(EMAIL, "m-1"));
        deliver(() -> service.email(EMAIL, "m-1"));
        assertEquals(1, sent.size());

        deliver(() -> service.email(EMAIL, null));
        deliver(() -> service.email(EMAIL, null));
        assertEquals(3, sent.size());
    }

    @Test
    @DisplayName("unknown type -> reject: a body that is not an email notification is refused, nothing recorded")
    void notAnEmail() {
        assertThrows(
                InvalidRequestException.class,
                () -> deliver(() -> service.email("{\"event_type\":\"status\",\"hostname\":\"h\"}", "m-2")));
        InvalidRequestException noAddress = assertThrows(
                InvalidRequestException.class,
                () -> deliver(() -> service.email(
                        "{\"prefix\":\"s\",\"message\":\"m\",\"notifications\":{\"email_addresses\":[\"test@test\"]}}",
                        "m-3")));
        assertEquals(EmailNotification.NO_VALID_ADDRESSES, noAddress.getMessage());
        assertTrue(sent.isEmpty());
    }

    @Test
    @DisplayName("send_hipchat_notifications -> the default room and each named room, the text carries the prefix")
    void sendChatNotifications() {
        deliver(() -> service.chat(CHAT, "c-1"));

        assertEquals(
                List.of(DEFAULT_ROOM + " [OA][1][org/app]: done", DEPLOYS_ROOM + " [OA][1][org/app]: done"), posted);
    }

    @Test
    @DisplayName("hipchat -> ack on success, once per oa_message_id")
    void chatOnce() {
        deliver(() -> service.chat(CHAT, "c-1"));
        deliver(() -> service.chat(CHAT, "c-1"));

        assertEquals(2, posted.size(), "two rooms, one delivery");
    }

    @Test
    @DisplayName("hipchat fail -> reject (was: always ack): every room is tried, the failure names the room")
    void chatFailure() {
        failingWebhooks.add(DEPLOYS_ROOM);

        NotificationDeliveryException failure =
                assertThrows(NotificationDeliveryException.class, () -> deliver(() -> service.chat(CHAT, "c-1")));
        assertTrue(failure.getMessage().contains("1 of 2 room(s): room deploys"), failure.getMessage());
        assertEquals(1, posted.size(), "the default room got it");

        failingWebhooks.clear();
        deliver(() -> service.chat(CHAT, "c-1"));
        assertEquals(3, posted.size(), "the retry posts to every room again (the default room twice)");
    }

    @Test
    @DisplayName("no webhook for any room: refused naming the setting, so the message waits in the dead letters")
    void noWebhookAtAll() {
        service.rooms = () -> new ChatRooms(Optional.empty(), room -> Optional.empty());

        NotificationDeliveryException failure =
                assertThrows(NotificationDeliveryException.class, () -> deliver(() -> service.chat(CHAT, "c-1")));
        assertTrue(failure.getMessage().contains("openaperture.notifications.chat.webhook-url"), failure.getMessage());
    }
}
