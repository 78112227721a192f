package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openaperture.e2e.original.Checks.UNKNOWN;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertFieldError;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.assertUpdated;
import static org.openaperture.e2e.original.Checks.unique;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;

/**
 * The original {@code system_events_test}, case by case, over HTTP. Events cannot be deleted through the API,
 * so each case raises events of its own type and looks only at those. The original inserted users directly;
 * here a user is whoever calls with a token, recorded on its first call ({@code GET /users/me}).
 */
class SystemEventsIT {
    private static final ApiClient USER_A = As.user("it-events-a", "operator");
    private static final ApiClient USER_B = As.user("it-events-b", "operator");

    private static long userId(ApiClient user) {
        Reply me = user.get("/users/me");
        assertStatus(200, me);
        return me.json().getJsonNumber("id").longValue();
    }

    private static long raise(String type) {
        Reply created = As.module().post("/system_events", "{\"type\":\"" + type + "\",\"severity\":\"error\"}");
        assertStatus(201, created);
        // Location is the collection (as the original): find the event by its type.
        return events("/system_events?lookback=1&type=" + type)
                .get(0)
                .getJsonNumber("id")
                .longValue();
    }

    private static void assign(long event, long assignee, ApiClient by) {
        assertStatus(204, by.post("/system_events/" + event + "/assign", "{\"assignee_id\":" + assignee + "}"));
    }

    private static List<JsonObject> events(String path) {
        Reply reply = As.viewer().get(path);
        assertStatus(200, reply);
        return reply.array().getValuesAs(JsonObject.class);
    }

    private static List<Long> ids(List<JsonObject> events) {
        return events.stream().map(e -> e.getJsonNumber("id").longValue()).toList();
    }

    private static void assertAllAssignedTo(long user, List<JsonObject> events) {
        assertTrue(
                events.stream()
                        .allMatch(e -> !e.isNull("assignee_id")
                                && e.getJsonNumber("assignee_id").longValue() == user),
                events::toString);
    }

    @Test
    @DisplayName("all events in last 24 hours")
    void allEventsInLast24Hours() {
        String type = unique("disk_space");
        long id = raise(type);

        List<JsonObject> all = events("/system_events");
        assertTrue(ids(all).contains(id), "listed by default (last 24 hours)");
        List<JsonObject> ofType = events("/system_events?type=" + type);
        assertEquals(List.of(id), ids(ofType));
    }

    @Test
    @DisplayName("index - assigned event")
    void indexAssignedEvent() {
        long a = userId(USER_A);
        long assigned = raise(unique("disk_space"));
        long unassigned = raise(unique("disk_space"));
        assign(assigned, a, USER_A);

        List<JsonObject> events = events("/system_events?assignee_id=" + a);

        assertTrue(ids(events).contains(assigned), events::toString);
        assertFalse(ids(events).contains(unassigned), events::toString);
        assertAllAssignedTo(a, events);
    }

    @Test
    @DisplayName("index - assigned events")
    void indexAssignedEvents() {
        long a = userId(USER_A);
        long b = userId(USER_B);
        int beforeA = events("/system_events?assignee_id=" + a).size();
        int beforeB = events("/system_events?assignee_id=" + b).size();
        long first = raise(unique("disk_space"));
        long second = raise(unique("disk_space"));
        long third = raise(unique("disk_space"));
        assign(first, a, USER_A);
        assign(second, a, USER_A);
        assign(third, b, USER_A);

        List<JsonObject> ofA = events("/system_events?assignee_id=" + a);
        List<JsonObject> ofB = events("/system_events?assignee_id=" + b);

        assertEquals(beforeA + 2, ofA.size(), ofA::toString);
        assertTrue(ids(ofA).containsAll(List.of(first, second)), ofA::toString);
        assertAllAssignedTo(a, ofA);
        assertEquals(beforeB + 1, ofB.size(), ofB::toString);
        assertTrue(ids(ofB).contains(third), ofB::toString);
        assertAllAssignedTo(b, ofB);
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a message with a
     * NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400 naming the field.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String type = unique("disk_space");

        assertFieldError(
                400,
                As.module()
                        .post(
                                "/system_events",
                                "{\"type\":\"" + type + "\",\"severity\":\"error\",\"message\":\"a\\u0000b\"}"),
                "message");
        assertEquals(0, events("/system_events?type=" + type).size(), "nothing stored");
    }

    @Test
    @DisplayName("create - missing type")
    void createMissingType() {
        assertFieldError(400, As.module().post("/system_events", "{}"), "type");
    }

    /** The original posted a severity without a type; this posts what the name says: a type, no severity. */
    @Test
    @DisplayName("create - missing severity")
    void createMissingSeverity() {
        assertFieldError(400, As.module().post("/system_events", "{\"severity\":\"error\"}"), "type");
        assertFieldError(
                400, As.module().post("/system_events", "{\"type\":\"" + unique("disk_space") + "\"}"), "severity");
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        String type = unique("disk_space");

        Reply reply = As.module().post("/system_events", "{\"type\":\"" + type + "\",\"severity\":\"error\"}");

        assertCreated(reply, "/system_events");
        assertEquals(1, events("/system_events?type=" + type).size());
    }

    @Test
    @DisplayName("create - success wit duplicate")
    void createSuccessWitDuplicate() {
        String type = unique("disk_space");
        String event = "{\"type\":\"" + type + "\",\"severity\":\"error\",\"data\":{\"test\":\"" + unique("d") + "\"}}";
        assertStatus(201, As.module().post("/system_events", event));

        Reply reply = As.module().post("/system_events", event);

        assertCreated(reply, "/system_events");
        assertEquals(2, events("/system_events?type=" + type).size());
    }

    @Test
    @DisplayName("create - conflict")
    void createConflict() {
        String type = unique("disk_space");
        String data = "{\"test\":\"" + unique("d") + "\"}";
        assertStatus(
                201,
                As.module()
                        .post(
                                "/system_events",
                                "{\"type\":\"" + type + "\",\"severity\":\"error\",\"data\":" + data + "}"));

        Reply reply = As.module()
                .post(
                        "/system_events",
                        "{\"type\":\"" + type + "\",\"severity\":\"error\",\"data\":" + data + ",\"unique\":true}");

        assertProblem(409, reply);
        assertEquals(1, events("/system_events?type=" + type).size());
    }

    @Test
    @DisplayName("show - invalid event")
    void showInvalidEvent() {
        assertProblem(404, As.viewer().get("/system_events/" + UNKNOWN));
    }

    @Test
    @DisplayName("show - valid event")
    void showValidEvent() {
        String type = unique("disk_space");
        long id = raise(type);

        Reply reply = As.viewer().get("/system_events/" + id);

        assertStatus(200, reply);
        assertEquals(type, reply.json().getString("type"));
        assertEquals("error", reply.json().getString("severity"));
    }

    @Test
    @DisplayName("assign - invalid event")
    void assignInvalidEvent() {
        assertProblem(404, As.operator().post("/system_events/" + UNKNOWN + "/assign", "{}"));
    }

    @Test
    @DisplayName("assign - no assignee")
    void assignNoAssignee() {
        long event = raise(unique("disk_space"));

        assertFieldError(400, USER_A.post("/system_events/" + event + "/assign", "{}"), "assignee_id");
    }

    @Test
    @DisplayName("assign - success")
    void assignSuccess() {
        long a = userId(USER_A);
        long b = userId(USER_B);
        long event = raise(unique("disk_space"));

        Reply reply = USER_A.post("/system_events/" + event + "/assign", "{\"assignee_id\":" + b + "}");

        assertUpdated(reply, "/system_events/" + event);
        JsonObject stored = As.viewer().get("/system_events/" + event).json();
        assertEquals(b, stored.getJsonNumber("assignee_id").longValue());
        assertEquals(a, stored.getJsonNumber("assigned_by_id").longValue());
        assertFalse(stored.isNull("assigned_at"));
    }

    @Test
    @DisplayName("dismiss - invalid event")
    void dismissInvalidEvent() {
        assertProblem(404, As.operator().post("/system_events/" + UNKNOWN + "/dismiss", "{}"));
    }

    @Test
    @DisplayName("dismiss - no dismissed_by")
    void dismissNoDismissedBy() {
        long a = userId(USER_A);
        long event = raise(unique("disk_space"));

        Reply reply = USER_A.post("/system_events/" + event + "/dismiss", "{}");

        assertUpdated(reply, "/system_events/" + event);
        JsonObject stored = As.viewer().get("/system_events/" + event).json();
        assertEquals(a, stored.getJsonNumber("dismissed_by_id").longValue(), "the caller dismissed it");
        assertFalse(stored.isNull("dismissed_at"));
    }

    @Test
    @DisplayName("dismiss - success")
    void dismissSuccess() {
        long b = userId(USER_B);
        long event = raise(unique("disk_space"));

        Reply reply = USER_A.post(
                "/system_events/" + event + "/dismiss",
                "{\"dismissed_by_id\":" + b + ",\"dismissed_reason\":\"disk cleaned\"}");

        assertUpdated(reply, "/system_events/" + event);
        JsonObject stored = As.viewer().get("/system_events/" + event).json();
        assertEquals(b, stored.getJsonNumber("dismissed_by_id").longValue());
        assertEquals("disk cleaned", stored.getString("dismissed_reason"));
    }
}
