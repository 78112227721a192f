package org.openaperture.system.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A unique system event repeats a recent one of its type when the data are equal or either has none. */
class SystemEventRulesTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void equalDataRepeat() {
        assertTrue(SystemEventRules.duplicates(
                json("{\"host\":\"a\",\"n\":1}"), List.of(json("{\"n\":1,\"host\":\"a\"}"))));
    }

    @Test
    void differentDataDoNotRepeat() {
        assertFalse(SystemEventRules.duplicates(json("{\"host\":\"a\"}"), List.of(json("{\"host\":\"b\"}"))));
    }

    @Test
    void noDataOnEitherSideRepeats() {
        assertTrue(SystemEventRules.duplicates(null, List.of(json("{\"host\":\"b\"}"))));
        assertTrue(SystemEventRules.duplicates(json("{\"host\":\"a\"}"), Arrays.asList((JsonValue) null)));
        assertTrue(SystemEventRules.duplicates(JsonValue.NULL, List.of(json("[1]"))));
    }

    @Test
    void nothingRecentNothingRepeated() {
        assertFalse(SystemEventRules.duplicates(null, List.of()));
    }
}
