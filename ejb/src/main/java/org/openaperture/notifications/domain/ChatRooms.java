package org.openaperture.notifications.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where chat notifications go: the default room's webhook first (HipChat's default room), then the webhook of
 * each room a notification names. A room without a webhook is skipped (the original skipped rooms HipChat did
 * not know); rooms that share a webhook get the message once.
 *
 * @param defaultWebhook the default room's webhook, if configured
 * @param roomWebhook the webhook configured for a room name, if any
 */
public record ChatRooms(Optional<URI> defaultWebhook, Function<String, Optional<URI>> roomWebhook) {

    /** The webhooks to post one notification to, and the rooms that were skipped. */
    public record Targets(List<Target> targets, List<String> unknownRooms) {}

    /** One post: the room (null for the default room) and its webhook. */
    public record Target(String room, URI webhook) {}

    public Targets targetsFor(ChatNotification notification) {
        Map<URI, Target> byWebhook = new LinkedHashMap<>();
        defaultWebhook.ifPresent(url -> byWebhook.put(url, new Target(null, url)));
        List<String> unknown = new ArrayList<>();
        for (String room : notification.roomNames()) {
            Optional<URI> webhook = roomWebhook.apply(room);
            if (webhook.isPresent()) {
                byWebhook.putIfAbsent(webhook.get(), new Target(room, webhook.get()));
            } else {
                unknown.add(room);
            }
        }
        return new Targets(List.copyOf(byWebhook.values()), List.copyOf(unknown));
    }
}
