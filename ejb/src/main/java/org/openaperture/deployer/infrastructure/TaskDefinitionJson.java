package org.openaperture.deployer.infrastructure;

import static org.openaperture.common.domain.JsonProviders.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openaperture.deployer.application.DeployTargetException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads an {@code ecs_task_definition} (the JSON body of ECS's {@code RegisterTaskDefinition}, with the API's field
 * names, as the original sent it) into the SDK's request. Every field the SDK's model has is read, through the
 * model's own field descriptions ({@link SdkField}), so nothing is mapped by hand; a field the model does not
 * have is an error naming it, rather than a silent loss. Numbers and strings are read leniently both ways
 * ({@code "cpu": "256"} and {@code "cpu": 256}), since the templates were written for an untyped client.
 */
final class TaskDefinitionJson {

    private TaskDefinitionJson() {}

    static RegisterTaskDefinitionRequest parse(String json) {
        JsonObject object;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DeployTargetException("ecs_task_definition is not a JSON object: " + e.getMessage(), e);
        }
        RegisterTaskDefinitionRequest.Builder builder = RegisterTaskDefinitionRequest.builder();
        fill(builder, object, "");
        return builder.build();
    }

    private static void fill(SdkPojo builder, JsonObject object, String path) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            fields.put(field.locationName(), field);
        }
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            String where = path + member.getKey();
            SdkField<?> field = fields.get(member.getKey());
            if (field == null) {
                throw new DeployTargetException("ecs_task_definition has a field ECS does not know: " + where);
            }
            if (member.getValue().getValueType() != JsonValue.ValueType.NULL) {
                field.set(builder, value(field, member.getValue(), where));
            }
        }
    }

    private static Object value(SdkField<?> field, JsonValue json, String where) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return json instanceof JsonString s ? s.getString() : json.toString();
            }
            if (type == MarshallingType.INTEGER) {
                return number(json).intValueExact();
            }
            if (type == MarshallingType.LONG) {
                return number(json).longValueExact();
            }
            if (type == MarshallingType.SHORT) {
                return number(json).shortValueExact();
            }
            if (type == MarshallingType.BYTE) {
                return number(json).byteValueExact();
            }
            if (type == MarshallingType.DOUBLE) {
                return number(json).doubleValue();
            }
            if (type == MarshallingType.FLOAT) {
                return number(json).floatValue();
            }
            if (type == MarshallingType.BIG_DECIMAL) {
                return number(json);
            }
            if (type == MarshallingType.BOOLEAN) {
                if (json == JsonValue.TRUE || json == JsonValue.FALSE) {
                    return json == JsonValue.TRUE;
                }
                if (json instanceof JsonString s && ("true".equals(s.getString()) || "false".equals(s.getString()))) {
                    return Boolean.parseBoolean(s.getString());
                }
                throw new IllegalArgumentException("not a boolean");
            }
            if (type == MarshallingType.INSTANT) {
                return json instanceof JsonString s
                        ? Instant.parse(s.getString())
                        : Instant.ofEpochMilli(number(json).movePointRight(3).longValue());
            }
            if (type == MarshallingType.LIST) {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                JsonArray array = json.asJsonArray();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    list.add(value(member, array.get(i), where + "[" + i + "]"));
                }
                return list;
            }
            if (type == MarshallingType.MAP) {
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : json.asJsonObject().entrySet()) {
                    map.put(e.getKey(), value(member, e.getValue(), where + "." + e.getKey()));
                }
                return map;
            }
            if (type == MarshallingType.SDK_POJO) {
                SdkPojo builder = field.constructor().get();
                fill(builder, json.asJsonObject(), where + ".");
                return ((SdkBuilder<?, ?>) builder).build();
            }
        } catch (DeployTargetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeployTargetException(
                    "ecs_task_definition field " + where + " is not a valid " + type + ": " + json, e);
        }
        throw new DeployTargetException("ecs_task_definition field " + where + " (" + type + ") is not supported");
    }

    private static BigDecimal number(JsonValue json) {
        if (json instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        if (json instanceof JsonString s) {
            return new BigDecimal(s.getString().strip());
        }
        throw new IllegalArgumentException("not a number");
    }
}
