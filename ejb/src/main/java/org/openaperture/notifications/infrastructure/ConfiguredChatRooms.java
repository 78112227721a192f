package org.openaperture.notifications.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.openaperture.notifications.application.ChatRoomSettings;
import org.openaperture.notifications.application.NotificationDeliveryException;
import org.openaperture.notifications.domain.ChatRooms;

/**
 * The chat rooms from MicroProfile Config: {@code openaperture.notifications.chat.webhook-url} is the default
 * room's webhook (the original's {@code HIPCHAT_DEFAULT_ROOM_NAME}), {@code
 * openaperture.notifications.chat.room.<room name>} the webhook of a room the producers name in {@code
 * room_names} (as an environment variable: {@code OPENAPERTURE_NOTIFICATIONS_CHAT_ROOM_<NAME>}, every character
 * that is not a letter or digit an underscore).
 */
@ApplicationScoped
public class ConfiguredChatRooms implements ChatRoomSettings {
    static final String DEFAULT_WEBHOOK = "openaperture.notifications.chat.webhook-url";
    static final String ROOM_PREFIX = "openaperture.notifications.chat.room.";

    @Inject
    Config config;

    @Override
    public ChatRooms current() {
        return new ChatRooms(webhook(DEFAULT_WEBHOOK), room -> webhook(ROOM_PREFIX + room.trim()));
    }

    private Optional<URI> webhook(String key) {
        return config.getOptionalValue(key, String.class)
                .filter(url -> !url.isBlank())
                .map(url -> url(key, url.trim()));
    }

    /** A value that is not a URL is named by its key only: the value is a credential. */
    private static URI url(String key, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(key, "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new NotificationDeliveryException(
                    "the value of " + key + " is not a webhook URL (https://host/path): " + e.getReason());
        }
    }
}
