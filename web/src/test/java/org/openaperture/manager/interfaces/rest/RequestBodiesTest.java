package org.openaperture.manager.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON types are checked strictly before binding: nothing is silently converted. */
class RequestBodiesTest {

    record Sample(String name, Long parentExchangeId, Integer port, Boolean enabled) {}

    private static List<FieldError> errors(String json) {
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        return RequestBodies.typeErrors(body, Sample.class);
    }

    @Test
    void valuesOfTheRightTypeAndNullsPass() {
        assertTrue(errors("{\"name\":\"AWS\",\"parent_exchange_id\":1,\"port\":5672,\"enabled\":true}")
                .isEmpty());
        assertTrue(errors("{\"name\":null,\"parent_exchange_id\":null}").isEmpty());
        assertTrue(errors("{}").isEmpty(), "missing fields are Bean Validation's concern");
    }

    @Test
    void aNumberWhereAStringBelongsIsAnError() {
        assertEquals(List.of(new FieldError("name", "must be a string")), errors("{\"name\":123}"));
    }

    private static final String LONG_RULE =
            "must be a whole number between -9223372036854775808 and 9223372036854775807";
    private static final String INT_RULE = "must be a whole number between -2147483648 and 2147483647";

    @Test
    void idsMustBeWholeNumbersNotTextOrFractions() {
        assertEquals(
                List.of(new FieldError("parent_exchange_id", LONG_RULE)), errors("{\"parent_exchange_id\":\"7\"}"));
        assertEquals(List.of(new FieldError("port", INT_RULE)), errors("{\"port\":1.5}"));
    }

    @Test
    void numbersTooBigForTheirFieldAreRefusedInsteadOfWrapping() {
        assertEquals(
                List.of(new FieldError("parent_exchange_id", LONG_RULE)),
                errors("{\"parent_exchange_id\":18446744073709551617}"));
        assertEquals(List.of(new FieldError("port", INT_RULE)), errors("{\"port\":4294972968}"));
        assertTrue(errors("{\"parent_exchange_id\":9223372036854775807,\"port\":-2147483648}")
                .isEmpty());
    }

    @Test
    void aNulCharacterInTextIsRefused() {
        assertEquals(
                List.of(new FieldError("name", "must be a string without NUL characters")),
                errors("{\"name\":\"a\\u0000b\"}"));
    }

    @Test
    void booleansMustBeTrueOrFalse() {
        assertEquals(List.of(new FieldError("enabled", "must be true or false")), errors("{\"enabled\":\"yes\"}"));
    }

    @Test
    void everyWrongFieldIsReportedUnderItsJsonName() {
        assertEquals(2, errors("{\"name\":[],\"parent_exchange_id\":false}").size());
        assertEquals("parent_exchange_id", RequestBodies.snakeCase("parentExchangeId"));
    }
}
