package org.openaperture.manager.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a JSON request body into a request record, in one place for every route: first the JSON types are
 * checked strictly (a number where a string belongs is an error, not silently converted), then JSON-B binds
 * the record, then Bean Validation checks its constraints. Every problem is reported, per field.
 */
@ApplicationScoped
public class RequestBodies {

    @Inject
    Validator validator;

    /** Whether the request body names a field (to tell "absent: keep" from "null: clear" on updates). */
    public boolean has(JsonValue body, String field) {
        return body instanceof JsonObject object && object.containsKey(field);
    }

    public <R extends Record> R bind(JsonValue value, Class<R> type) {
        if (!(value instanceof JsonObject body)) {
            throw new InvalidInputException(List.of(new FieldError(null, "the request body must be a JSON object")));
        }
        List<FieldError> errors = typeErrors(body, type);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        R request;
        try {
            request = JsonbProvider.JSONB.fromJson(body.toString(), type);
        } catch (JsonbException e) {
            throw new InvalidInputException(
                    List.of(new FieldError(null, "request body does not fit: " + e.getMessage())));
        }
        validator.validate(request).stream()
                .map(v -> new FieldError(snakeCase(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return request;
    }

    static List<FieldError> typeErrors(JsonObject body, Class<? extends Record> type) {
        List<FieldError> errors = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String field = snakeCase(component.getName());
            JsonValue value = body.get(field);
            if (value != null && value.getValueType() != ValueType.NULL) {
                String expected = expectedType(component.getType(), value);
                if (expected != null) {
                    errors.add(new FieldError(field, "must be " + expected));
                }
            }
        }
        return errors;
    }

    /** @return what the field should have been, or null when the value fits */
    private static String expectedType(Class<?> javaType, JsonValue value) {
        if (javaType == String.class) {
            if (!(value instanceof JsonString string)) {
                return "a string";
            }
            // No database stores a NUL character in text; refuse it here rather than fail on insert.
            return string.getString().indexOf('\u0000') < 0 ? null : "a string without NUL characters";
        }
        if (javaType == Long.class || javaType == long.class) {
            return wholeNumber(value, Long.SIZE)
                    ? null
                    : "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        if (javaType == Integer.class || javaType == int.class) {
            return wholeNumber(value, Integer.SIZE)
                    ? null
                    : "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (javaType == Boolean.class || javaType == boolean.class) {
            ValueType t = value.getValueType();
            return t == ValueType.TRUE || t == ValueType.FALSE ? null : "true or false";
        }
        return null;
    }

    /** An integral JSON number that fits a signed integer of {@code bits} bits (JSON-B would wrap it silently). */
    private static boolean wholeNumber(JsonValue value, int bits) {
        return value instanceof JsonNumber number
                && number.isIntegral()
                && number.bigIntegerValue().bitLength() < bits;
    }

    /** A Java name as JSON-B writes it with the API's naming strategy: {@code failoverBrokerId} → {@code failover_broker_id}. */
    public static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
