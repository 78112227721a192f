package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.openaperture.testsupport.AmqpQueue;
import org.openaperture.testsupport.AmqpQueue.Received;
import org.openaperture.testsupport.ApiClient.Reply;

/** What the ported cases check again and again. */
final class Checks {
    /** An id no test creates. */
    static final long UNKNOWN = 1234567890L;

    private Checks() {}

    /**
     * Deletes everything {@code path} lists. What another entry depends on (a parent, a failover, a broker an
     * exchange is restricted to) answers 409 until its dependents are gone, so this deletes in rounds, leaves
     * first; a round that deletes nothing fails.
     */
    static void deleteAll(String path) {
        for (List<JsonObject> left = list(path); !left.isEmpty(); ) {
            int before = left.size();
            for (JsonObject entry : left) {
                Reply deleted = As.admin().delete(path + "/" + entry.getJsonNumber("id"));
                assertTrue(deleted.status() == 204 || deleted.status() == 409, deleted::toString);
            }
            left = list(path);
            assertTrue(left.size() < before, () -> "nothing more could be deleted at " + path);
        }
    }

    private static List<JsonObject> list(String path) {
        return As.viewer().get(path).array().getValuesAs(JsonObject.class);
    }

    /** A name no other test (or earlier run) uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static void assertStatus(int status, Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
    }

    /** A 4xx problem+json that says what was wrong and shows no stack trace. */
    static JsonObject assertProblem(int status, Reply reply) {
        assertStatus(status, reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"), reply::toString);
        assertFalse(problem.getString("detail", "").isBlank(), () -> "a detail: " + reply);
        assertFalse(reply.body().contains("Exception"), () -> "no exception name: " + reply);
        assertFalse(reply.body().contains("at org."), () -> "no stack trace: " + reply);
        return problem;
    }

    /** A problem that names the wrong field in its per-field errors. */
    static void assertFieldError(int status, Reply reply, String field) {
        JsonObject problem = assertProblem(status, reply);
        assertTrue(
                problem.getJsonArray("errors").stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(e -> field.equals(e.getString("field", null))),
                () -> "an error for " + field + ": " + reply);
    }

    static void assertCreated(Reply reply, String locationPart) {
        assertStatus(201, reply);
        assertNotNull(reply.location(), "Location");
        assertTrue(reply.location().contains(locationPart), reply::location);
    }

    static void assertUpdated(Reply reply, String locationPart) {
        assertStatus(204, reply);
        assertNotNull(reply.location(), "Location");
        assertTrue(reply.location().contains(locationPart), reply::location);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Reads a queue until a message matches (other messages are consumed and skipped). */
    static Optional<Received> receiveMatching(String queue, Duration limit, Predicate<Received> matches) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            long left = Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
            Optional<Received> received = AmqpQueue.receive(queue, Duration.ofMillis(left));
            if (received.isEmpty()) {
                return received;
            }
            if (matches.test(received.get())) {
                return received;
            }
        }
        return Optional.empty();
    }
}
