package org.openaperture.jms.amqp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Delivery attempts carried by the message")
class AttemptHistoryTest {

    @Test
    @DisplayName("a message without adapter properties has had no attempt, and is its own original")
    void fresh() {
        AttemptHistory history = AttemptHistory.read(Map.<String, Object>of()::get, "ID:abc");
        assertEquals(new AttemptHistory("ID:abc", 0, 0, 0, null), history);
    }

    @Test
    @DisplayName("the first failed attempt is attempt 1, timed from when it started")
    void firstFailure() {
        AttemptHistory failed = AttemptHistory.read(Map.<String, Object>of()::get, "ID:abc")
                .failed(1_000, 1_020, "java.lang.IllegalStateException: boom");
        assertEquals(new AttemptHistory("ID:abc", 1, 1_000, 1_020, "java.lang.IllegalStateException: boom"), failed);
    }

    @Test
    @DisplayName("a message whose properties say it had n attempts continues the count from n, keeping the first"
            + " attempt's time and the original id")
    void continuesFromProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("AmqpRaAttempts", 3);
        properties.put("AmqpRaFirstAttemptAt", 1_000L);
        properties.put("AmqpRaLastAttemptAt", 5_000L);
        properties.put("AmqpRaLastReason", "java.lang.IllegalStateException: before the restart");
        properties.put("AmqpRaOriginalMessageId", "ID:first");

        AttemptHistory received = AttemptHistory.read(properties::get, "ID:copy-3");
        assertEquals(
                new AttemptHistory("ID:first", 3, 1_000, 5_000, "java.lang.IllegalStateException: before the restart"),
                received);

        AttemptHistory fourth = received.failed(9_000, 9_010, "java.lang.IllegalStateException: after the restart");
        assertEquals(
                new AttemptHistory("ID:first", 4, 1_000, 9_010, "java.lang.IllegalStateException: after the restart"),
                fourth);
    }

    @Test
    @DisplayName("a history written to a copy's properties reads back the same")
    void roundTrip() {
        AttemptHistory history = new AttemptHistory("ID:first", 2, 1_000, 2_000, "java.io.IOException: x");
        Map<String, Object> properties = history.properties();
        assertEquals(2, properties.get("AmqpRaAttempts"));
        assertEquals(1_000L, properties.get("AmqpRaFirstAttemptAt"));
        assertEquals(history, AttemptHistory.read(properties::get, "ID:copy"));
    }

    @Test
    @DisplayName("counts written as text or as another number type (by another client or a person) still count")
    void lenientTypes() {
        Map<String, Object> properties = Map.of("AmqpRaAttempts", "2", "AmqpRaFirstAttemptAt", 1_000);
        AttemptHistory history = AttemptHistory.read(properties::get, "ID:x");
        assertEquals(2, history.attempts());
        assertEquals(1_000, history.firstAttemptAt());
    }

    @Test
    @DisplayName("unreadable or negative counts are no history: a message is never refused for its properties")
    void unreadable() {
        assertEquals(
                0,
                AttemptHistory.read(Map.<String, Object>of("AmqpRaAttempts", "many")::get, "ID:x")
                        .attempts());
        assertEquals(
                0,
                AttemptHistory.read(Map.<String, Object>of("AmqpRaAttempts", -4)::get, "ID:x")
                        .attempts());
        assertEquals(
                "ID:x",
                AttemptHistory.read(Map.<String, Object>of("AmqpRaOriginalMessageId", " ")::get, "ID:x")
                        .originalMessageId());
    }

    @Test
    @DisplayName("a count without its first attempt's time starts it at the last attempt's")
    void missingFirstTime() {
        Map<String, Object> properties = Map.of("AmqpRaAttempts", 1, "AmqpRaLastAttemptAt", 7_000L);
        AttemptHistory history = AttemptHistory.read(properties::get, "ID:x");
        assertEquals(7_000, history.firstAttemptAt());
        assertEquals(7_000, history.failed(8_000, 8_100, "r").firstAttemptAt());
    }

    @Test
    @DisplayName("the adapter's properties are told apart from the application's")
    void adapterProperties() {
        assertTrue(AttemptHistory.isAdapterProperty("AmqpRaAttempts"));
        assertFalse(AttemptHistory.isAdapterProperty("idempotencyKey"));
        assertFalse(AttemptHistory.isAdapterProperty("dlq_delivery_attempts"));
    }
}
