package org.openaperture.notifications.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openaperture.common.domain.InvalidRequestException;

/**
 * A chat message from the {@code notifications_hipchat} queue:
 * {@code {"is_success": bool, "prefix": "[OA][id][repo]", "message": "...", "room_names": ["..."]}}. The
 * original consumer read the extra rooms from {@code notifications.hipchat_rooms} while every producer sends
 * {@code room_names} at the top level; both are accepted and {@link #roomNames()} is their union.
 */
public record ChatNotification(boolean success, String prefix, String message, List<String> roomNames) {
    static final String WHAT = "chat notification";

    public ChatNotification {
        Objects.requireNonNull(message, "message");
        roomNames = List.copyOf(roomNames);
    }

    public static ChatNotification parse(String body) {
        JsonObject json = NotificationPayloads.object(body, WHAT);
        String message = NotificationPayloads.optionalString(json, "message", WHAT);
        if (message == null || message.isBlank()) {
            throw new InvalidRequestException("message", WHAT + " has no message");
        }
        JsonValue isSuccess = json.get("is_success");
        boolean success;
        if (isSuccess == null || isSuccess.getValueType() == JsonValue.ValueType.NULL) {
            success = false;
        } else if (isSuccess == JsonValue.TRUE || isSuccess == JsonValue.FALSE) {
            success = isSuccess == JsonValue.TRUE;
        } else {
            throw new InvalidRequestException("is_success", WHAT + " field is_success must be true or false");
        }
        Set<String> rooms = new LinkedHashSet<>(NotificationPayloads.strings(json, "room_names", WHAT));
        JsonObject notifications = NotificationPayloads.optionalObject(json, "notifications", WHAT);
        rooms.addAll(NotificationPayloads.strings(notifications, "hipchat_rooms", WHAT));
        rooms.removeIf(room -> room == null || room.isBlank());
        return new ChatNotification(
                success, NotificationPayloads.optionalString(json, "prefix", WHAT), message, List.copyOf(rooms));
    }

    /** What the chat shows: {@code "<prefix>: <message>"}, or the message alone without a prefix. */
    public String text() {
        return prefix == null || prefix.isBlank() ? message : prefix + ": " + message;
    }
}
