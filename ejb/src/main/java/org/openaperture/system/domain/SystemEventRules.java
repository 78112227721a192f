package org.openaperture.system.domain;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/** When a new system event asked to be unique repeats one already raised. */
public final class SystemEventRules {
    /** How far back a unique event looks for its twin. */
    public static final Duration UNIQUE_WINDOW = Duration.ofHours(1);

    private SystemEventRules() {}

    /**
     * A unique event duplicates an event of its type from the last hour when their data are equal (as JSON,
     * so key order does not matter), or when either has no data at all.
     */
    public static boolean duplicates(JsonValue data, Collection<JsonValue> recentDataOfSameType) {
        return recentDataOfSameType.stream()
                .anyMatch(other -> isNone(data) || isNone(other) || Objects.equals(data, other));
    }

    private static boolean isNone(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }
}
