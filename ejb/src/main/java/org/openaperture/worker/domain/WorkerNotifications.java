package org.openaperture.worker.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.openaperture.messaging.topology.domain.QueueNames;

/**
 * The chat notifications a worker sends (components.md §1.8): {@code {is_success, prefix, message, room_names}}
 * for {@code notifications_hipchat} of the request's {@code notifications_exchange_id}, prefixed
 * {@code [OA][<workflow id>]}, to the rooms of the workflow's {@code notifications_config.hipchat.room_names}.
 */
public final class WorkerNotifications {
    public static final String CHAT_QUEUE = QueueNames.NOTIFICATIONS_HIPCHAT;
    public static final String MESSAGE_TYPE = "notifications.chat";

    private WorkerNotifications() {}

    public static String prefix(MilestoneRequest request) {
        return "[OA][" + request.workflowId() + "]";
    }

    public static JsonObject chat(MilestoneRequest request, boolean success, String message) {
        JsonArrayBuilder rooms = JSON.createArrayBuilder();
        if (request.envelope().get("notifications_config") instanceof JsonObject config
                && config.get("hipchat") instanceof JsonObject hipchat
                && hipchat.get("room_names") instanceof JsonArray names) {
            names.stream().filter(JsonString.class::isInstance).forEach(rooms::add);
        }
        return JSON.createObjectBuilder()
                .add("is_success", success)
                .add("prefix", prefix(request))
                .add("message", message)
                .add("room_names", rooms)
                .build();
    }
}
