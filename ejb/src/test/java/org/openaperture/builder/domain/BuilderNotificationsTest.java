package org.openaperture.builder.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openaperture.worker.domain.MilestoneRequest;

/** components.md §1.8 success or failure notification, §4.2 the "being processed" message. */
class BuilderNotificationsTest {

    @Test
    void acceptedGoesToTheWorkflowsRooms() {
        MilestoneRequest request = MilestoneRequest.parse(
                "{\"id\":\"w1\",\"current_step\":\"build\",\"notifications_config\":{\"hipchat\":{\"room_names\":"
                        + "[\"ops\",\"dev\"]}}}");
        JsonObject chat = BuilderNotifications.accepted(request, "build-host");
        assertTrue(chat.getBoolean("is_success"));
        assertEquals("[OA][w1]", chat.getString("prefix"));
        assertEquals("Build/Config request is being processed by Builder build-host", chat.getString("message"));
        assertEquals(2, chat.getJsonArray("room_names").size());
    }

    @Test
    void failedHasNoRoomsWithoutNotificationSettings() {
        JsonObject chat = BuilderNotifications.failed(MilestoneRequest.parse("{\"id\":\"w1\"}"));
        assertFalse(chat.getBoolean("is_success"));
        assertEquals("Milestone has failed", chat.getString("message"));
        assertEquals(0, chat.getJsonArray("room_names").size());
    }
}
