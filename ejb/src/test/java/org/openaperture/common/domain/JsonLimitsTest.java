package org.openaperture.common.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {
    private final JsonLimits limits = new JsonLimits(64, 3);

    @Test
    void aDocumentWithinTheLimitsPasses() {
        assertNull(limits.violation("{\"a\":[{\"b\":1}]}"));
        assertNull(limits.violation("{\"a\":[{\"b\":1}]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDocumentNestedDeeperThanTheLimitIsRefusedWithTheLimitNamed() {
        String deep = "[[[[1]]]]";
        String expected = "the JSON document is nested deeper than the limit of 3 levels";
        assertEquals(expected, limits.violation(deep));
        assertEquals(expected, limits.violation(deep.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bracketsInsideStringsAndEscapedQuotesDoNotCount() {
        assertNull(limits.violation("{\"a\":\"[[[[{{{{\\\"[[[[\"}"));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWithBothSizesNamed() {
        String big = "\"" + "x".repeat(70) + "\"";
        assertEquals("the body is 72 bytes, over the limit of 64 bytes", limits.violation(big));
        assertEquals("the body is 72 bytes, over the limit of 64 bytes", limits.sizeViolation(72));
        assertNull(limits.sizeViolation(64));
    }

    @Test
    void textIsMeasuredInBytesOfUtf8() {
        String euros = "\"" + "€".repeat(21) + "\""; // 21 chars of 3 bytes each, 2 quotes: 65 bytes
        assertEquals("the body is 65 bytes, over the limit of 64 bytes", limits.violation(euros));
    }

    @Test
    void limitsAreReadFromSettingsUnderAPrefixWithDefaultsForWhatIsNotSet() {
        Map<String, String> settings = Map.of("openaperture.api.max-json-depth", " 10 ");
        JsonLimits read = JsonLimits.configured(
                "openaperture.api", name -> Optional.ofNullable(settings.get(name)), JsonLimits.API);
        assertEquals(new JsonLimits(JsonLimits.API.maxBytes(), 10), read);
    }

    @Test
    void limitsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new JsonLimits(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new JsonLimits(10, 0));
    }
}
