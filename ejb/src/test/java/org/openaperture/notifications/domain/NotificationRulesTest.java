package org.openaperture.notifications.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openaperture.common.domain.InvalidRequestException;

/** The rules of components.md §7 on the two notification payloads, and the original cases of §10.5. */
class NotificationRulesTest {

    @Nested
    @DisplayName("chat message (notifications_hipchat)")
    class Chat {

        @Test
        @DisplayName("the producers' payload: is_success, prefix, message, room_names")
        void producersPayload() {
            ChatNotification chat = ChatNotification.parse(
                    "{\"is_success\":true,\"prefix\":\"[OA][42][org/app_docker]\",\"message\":\"Completed Workflow"
                            + " Milestone: build, in 3 minutes\",\"room_names\":[\"deploys\"]}");

            assertTrue(chat.success());
            assertEquals("[OA][42][org/app_docker]", chat.prefix());
            assertEquals(List.of("deploys"), chat.roomNames());
            assertEquals("[OA][42][org/app_docker]: Completed Workflow Milestone: build, in 3 minutes", chat.text());
        }

        @Test
        @DisplayName("rooms from room_names and from notifications.hipchat_rooms are both used (§12.5), once each")
        void bothRoomFields() {
            ChatNotification chat = ChatNotification.parse("{\"message\":\"m\",\"room_names\":[\"a\",\"b\"],"
                    + "\"notifications\":{\"hipchat_rooms\":[\"b\",\"c\"]}}");

            assertEquals(List.of("a", "b", "c"), chat.roomNames());
            assertFalse(chat.success(), "is_success absent: not a success");
            assertNull(chat.prefix());
            assertEquals("m", chat.text(), "without a prefix the message alone");
        }

        @Test
        @DisplayName("a body that breaks the contract is refused naming what is wrong")
        void refused() {
            assertEquals("message", refusal(() -> ChatNotification.parse("{\"prefix\":\"p\"}")));
            assertEquals("is_success", refusal(() -> ChatNotification.parse("{\"message\":\"m\",\"is_success\":1}")));
            assertEquals(
                    "room_names", refusal(() -> ChatNotification.parse("{\"message\":\"m\",\"room_names\":\"a\"}")));
            assertNull(refusal(() -> ChatNotification.parse("not json")));
            assertNull(refusal(() -> ChatNotification.parse("[]")));
        }
    }

    @Nested
    @DisplayName("email (notifications_email)")
    class Email {

        @Test
        @DisplayName("the system-event email the Manager sends: subject, plain-text body, addresses")
        void systemEventEmail() {
            EmailNotification email = EmailNotification.parse("{\"prefix\":\"[OpenAperture][SystemEvent]\","
                    + "\"message\":\"System event 7 (disk_space, warning) has been assigned to you."
                    + " http://localhost:8080/index.html#/oa/system_events\","
                    + "\"notifications\":{\"email_addresses\":[\"ops@example.com\"]}}");

            assertEquals("[OpenAperture][SystemEvent]", email.subject());
            assertTrue(email.body().startsWith("System event 7 (disk_space, warning) has been assigned to you."));
            assertEquals(List.of("ops@example.com"), email.addresses());
        }

        @Test
        @DisplayName("the orchestrator's completion email (§3.6): a multi-line body")
        void workflowCompletedEmail() {
            EmailNotification email = EmailNotification.parse("{\"prefix\":\"SUCCEEDED [OA][42][org/app_docker]\","
                    + "\"message\":\"Source Commit:\\norg/app/commit/abc\\n\\nhttp://ui/index.html#/oa/workflows/"
                    + "workflows/42\",\"notifications\":{\"email_addresses\":[\"a@example.com\",\"b@example.org\"]}}");

            assertEquals("SUCCEEDED [OA][42][org/app_docker]", email.subject());
            assertTrue(email.body().contains("\norg/app/commit/abc\n"));
            assertEquals(List.of("a@example.com", "b@example.org"), email.addresses());
        }

        @Test
        @DisplayName("addresses are filtered to local@domain.tld with a TLD of 2-4 letters")
        void addressFilter() {
            assertEquals(
                    List.of("dev@example.com", "first.last+tag@mail.example.info", "x@y.io"),
                    EmailNotification.validAddresses(List.of(
                            "dev@example.com",
                            "test@test",
                            " first.last+tag@mail.example.info ",
                            "x@y.io",
                            "no-at.example.com",
                            "toolong@example.museum",
                            "dev@example.com")));
        }

        @Test
        @DisplayName("Mailer: only invalid addresses (\"test@test\") -> exactly \"No valid email addresses detected\"")
        void onlyInvalidAddresses() {
            InvalidRequestException refused = assertThrows(
                    InvalidRequestException.class,
                    () -> EmailNotification.parse(
                            "{\"prefix\":\"s\",\"message\":\"m\",\"notifications\":{\"email_addresses\":[\"test@test\"]}}"));
            assertEquals("No valid email addresses detected", refused.getMessage());
            assertEquals(
                    "No valid email addresses detected",
                    assertThrows(
                                    InvalidRequestException.class,
                                    () -> EmailNotification.parse("{\"prefix\":\"s\",\"message\":\"m\"}"))
                            .getMessage(),
                    "no addresses at all: the same");
        }

        @Test
        @DisplayName("a body that breaks the contract is refused naming what is wrong")
        void refused() {
            assertEquals("message", refusal(() -> EmailNotification.parse("{\"prefix\":\"s\"}")));
            assertEquals(
                    "email_addresses",
                    refusal(() -> EmailNotification.parse(
                            "{\"message\":\"m\",\"notifications\":{\"email_addresses\":\"a@b.com\"}}")));
            assertNull(refusal(() -> EmailNotification.parse("")));
        }
    }

    @Nested
    @DisplayName("chat rooms")
    class Rooms {
        private final URI defaultHook = URI.create("https://hooks.example.com/default");
        private final URI deploysHook = URI.create("https://hooks.example.com/deploys");
        private final Map<String, URI> configured = Map.of("deploys", deploysHook, "alias", defaultHook);

        private ChatRooms rooms(Optional<URI> defaultWebhook) {
            return new ChatRooms(defaultWebhook, room -> Optional.ofNullable(configured.get(room)));
        }

        @Test
        @DisplayName("Room.resolve_room_ids: an existing room -> its webhook; an unknown room -> skipped")
        void resolveRoomIds() {
            ChatRooms.Targets targets = rooms(Optional.of(defaultHook))
                    .targetsFor(new ChatNotification(true, "p", "m", List.of("deploys", "nowhere")));

            assertEquals(
                    List.of(new ChatRooms.Target(null, defaultHook), new ChatRooms.Target("deploys", deploysHook)),
                    targets.targets(),
                    "the default room first, then the named rooms");
            assertEquals(List.of("nowhere"), targets.unknownRooms());
        }

        @Test
        @DisplayName("rooms that share a webhook get the message once; without a default only the named rooms")
        void oncePerWebhook() {
            assertEquals(
                    1,
                    rooms(Optional.of(defaultHook))
                            .targetsFor(new ChatNotification(true, "p", "m", List.of("alias")))
                            .targets()
                            .size());
            assertEquals(
                    List.of(new ChatRooms.Target("deploys", deploysHook)),
                    rooms(Optional.empty())
                            .targetsFor(new ChatNotification(true, "p", "m", List.of("deploys")))
                            .targets());
        }
    }

    private static String refusal(Runnable parse) {
        return assertThrows(InvalidRequestException.class, parse::run).field();
    }
}
