package org.openaperture.notifications.application;

import org.openaperture.notifications.domain.ChatRooms;

/** The chat rooms as configured now: read on every message, so a changed webhook needs no restart. */
public interface ChatRoomSettings {
    ChatRooms current();
}
