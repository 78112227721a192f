package org.openaperture.messaging.topology.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.messaging.topology.domain.Definitions;
import org.openaperture.messaging.topology.domain.Definitions.BindingDefinition;
import org.openaperture.messaging.topology.domain.Definitions.ExchangeDefinition;
import org.openaperture.messaging.topology.domain.Definitions.QueueDefinition;

/** RabbitMQ definitions JSON, read (what {@code GET /api/definitions} answers) and written (request bodies). */
public final class DefinitionsJson {

    private DefinitionsJson() {}

    /** As {@link #parse(String, String)}, for documents that name the vhost of every object (the full export). */
    public static Definitions parse(String json) {
        return parse(json, null);
    }

    /**
     * @param vhost the vhost of objects that name none: {@code GET /api/definitions/{vhost}} leaves the field
     *     out (so the document can be imported into another vhost)
     */
    public static Definitions parse(String json, String vhost) {
        JsonObject root;
        try (var reader = JSON.createReader(new StringReader(json))) {
            root = reader.readObject();
        }
        List<ExchangeDefinition> exchanges = objects(root, "exchanges").stream()
                .map(e -> new ExchangeDefinition(
                        e.getString("name"),
                        e.getString("vhost", vhost),
                        e.getString("type", null),
                        e.getBoolean("durable", false),
                        e.getBoolean("auto_delete", false),
                        e.getBoolean("internal", false),
                        arguments(e)))
                .toList();
        List<QueueDefinition> queues = objects(root, "queues").stream()
                .map(q -> new QueueDefinition(
                        q.getString("name"),
                        q.getString("vhost", vhost),
                        q.getBoolean("durable", false),
                        q.getBoolean("auto_delete", false),
                        arguments(q)))
                .toList();
        List<BindingDefinition> bindings = objects(root, "bindings").stream()
                .map(b -> new BindingDefinition(
                        b.getString("source"),
                        b.getString("vhost", vhost),
                        b.getString("destination"),
                        b.getString("destination_type"),
                        b.getString("routing_key", ""),
                        arguments(b)))
                .toList();
        return new Definitions(exchanges, queues, bindings);
    }

    /** The body of {@code PUT /api/exchanges/{vhost}/{name}}. */
    static JsonObject declaration(ExchangeDefinition e) {
        return JSON.createObjectBuilder()
                .add("type", e.type())
                .add("durable", e.durable())
                .add("auto_delete", e.autoDelete())
                .add("internal", e.internal())
                .add("arguments", arguments(e.arguments()))
                .build();
    }

    /** The body of {@code PUT /api/queues/{vhost}/{name}}. */
    static JsonObject declaration(QueueDefinition q) {
        return JSON.createObjectBuilder()
                .add("durable", q.durable())
                .add("auto_delete", q.autoDelete())
                .add("arguments", arguments(q.arguments()))
                .build();
    }

    /** The body of {@code POST /api/bindings/{vhost}/e/{source}/{q|e}/{destination}}. */
    static JsonObject declaration(BindingDefinition b) {
        return JSON.createObjectBuilder()
                .add("routing_key", b.routingKey())
                .add("arguments", arguments(b.arguments()))
                .build();
    }

    private static List<JsonObject> objects(JsonObject root, String section) {
        JsonArray items = root.getJsonArray(section);
        return items == null ? List.of() : items.getValuesAs(JsonObject.class);
    }

    private static Map<String, Object> arguments(JsonObject item) {
        JsonObject arguments = item.getJsonObject("arguments");
        Map<String, Object> values = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((k, v) -> values.put(k, value(v)));
        }
        return values;
    }

    private static Object value(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> v.toString();
        };
    }

    private static JsonObject arguments(Map<String, Object> arguments) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        arguments.forEach((k, v) -> {
            if (v instanceof String s) {
                json.add(k, s);
            } else if (v instanceof Boolean flag) {
                json.add(k, flag);
            } else if (v instanceof Number n) {
                json.add(k, new BigDecimal(n.toString()));
            } else {
                json.add(k, String.valueOf(v));
            }
        });
        return json.build();
    }
}
