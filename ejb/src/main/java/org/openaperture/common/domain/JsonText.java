package org.openaperture.common.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * JSON kept in a text column ({@code workload}, {@code data}, {@code milestones}, ...): written as text,
 * read back as nested JSON, as the original Manager did. A JSON {@code null} is stored as SQL NULL.
 */
public final class JsonText {

    private JsonText() {}

    public static String write(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value.toString();
    }

    /** The stored JSON, or null for none; text that is not JSON (never written by us) is returned as a string. */
    public static JsonValue read(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException e) {
            return JSON.createValue(text);
        }
    }
}
