package org.openaperture.notifications.domain;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.openaperture.common.domain.InvalidRequestException;

/** Reads the JSON of a notification message; a body that breaks the contract is refused naming the field. */
final class NotificationPayloads {
    private NotificationPayloads() {}

    static JsonObject object(String body, String what) {
        if (body == null) {
            throw new InvalidRequestException(null, what + " has no body");
        }
        try (var reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (JsonParsingException | IllegalStateException | ClassCastException e) {
            throw new InvalidRequestException(null, what + " is not a JSON object: " + e.getMessage());
        }
    }

    static String optionalString(JsonObject json, String field, String what) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidRequestException(field, what + " field " + field + " must be a string");
    }

    static JsonObject optionalObject(JsonObject json, String field, String what) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidRequestException(field, what + " field " + field + " must be an object");
    }

    /** A list of strings; null or absent is empty. */
    static List<String> strings(JsonObject json, String field, String what) {
        JsonValue value = json == null ? null : json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidRequestException(field, what + " field " + field + " must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string)) {
                throw new InvalidRequestException(field, what + " field " + field + " must be a list of strings");
            }
            strings.add(string.getString());
        }
        return List.copyOf(strings);
    }
}
