package org.openaperture.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading the Manager's JSON, and printing it for scripts. */
final class JsonText {

    private static final JsonWriterFactory PRETTY =
            Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

    private JsonText() {}

    static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** Null when the text is not JSON, e.g. an HTML error page of a proxy. */
    static JsonValue tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse(text);
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    static String pretty(JsonValue value) {
        StringWriter text = new StringWriter();
        try (var writer = PRETTY.createWriter(text)) {
            writer.write(value);
        }
        return text.toString().strip();
    }

    /** A member as text whatever its JSON type; null when absent or null. */
    static String text(JsonObject object, String name) {
        return text(object.get(name));
    }

    static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        return value.toString();
    }

    static boolean isTrue(JsonObject object, String name) {
        return object.get(name) == JsonValue.TRUE;
    }

    static JsonObject object(JsonValue value, String name) {
        JsonValue member = value instanceof JsonObject o ? o.get(name) : null;
        return member instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonArray array(JsonValue value, String name) {
        JsonValue member = value instanceof JsonObject o ? o.get(name) : null;
        return member instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The objects of a list answer: a plain array, or the {@code items} of a page. */
    static List<JsonObject> objects(JsonValue value) {
        JsonArray array = value instanceof JsonArray a ? a : array(value, "items");
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue item : array) {
            if (item instanceof JsonObject o) {
                objects.add(o);
            }
        }
        return objects;
    }

    static List<String> strings(JsonArray array) {
        return array.stream().map(JsonText::text).toList();
    }
}
