package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openaperture.e2e.original.Checks.UNKNOWN;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertFieldError;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.assertUpdated;
import static org.openaperture.e2e.original.Checks.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/** The original {@code messaging_rpc_requests_test}, case by case, over HTTP. */
class MessagingRpcRequestsIT {
    private static final String NOT_STARTED = "{\"status\":\"not_started\"}";

    private static long createRequest(String body) {
        Reply created = As.module().post("/messaging/rpc_requests", body);
        assertStatus(201, created);
        return created.createdId();
    }

    @Test
    @DisplayName("index - no requests")
    void indexNoRequests() {
        for (JsonObject r : As.viewer().get("/messaging/rpc_requests").array().getValuesAs(JsonObject.class)) {
            assertStatus(204, As.module().delete("/messaging/rpc_requests/" + r.getJsonNumber("id")));
        }

        Reply reply = As.viewer().get("/messaging/rpc_requests");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("index - requests")
    void indexRequests() {
        for (JsonObject r : As.viewer().get("/messaging/rpc_requests").array().getValuesAs(JsonObject.class)) {
            assertStatus(204, As.module().delete("/messaging/rpc_requests/" + r.getJsonNumber("id")));
        }
        long id = createRequest(NOT_STARTED);

        Reply reply = As.viewer().get("/messaging/rpc_requests");

        assertStatus(200, reply);
        assertEquals(1, reply.array().size(), reply::body);
        assertEquals(id, reply.array().getJsonObject(0).getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("show - invalid request")
    void showInvalidRequest() {
        assertProblem(404, As.viewer().get("/messaging/rpc_requests/" + UNKNOWN));
    }

    @Test
    @DisplayName("show - valid request")
    void showValidRequest() {
        long id = createRequest(NOT_STARTED);

        Reply reply = As.viewer().get("/messaging/rpc_requests/" + id);

        assertStatus(200, reply);
        assertEquals(id, reply.json().getJsonNumber("id").longValue());
    }

    @Test
    @DisplayName("show - valid request with data")
    void showValidRequestWithData() {
        String request = "{\"etcd_token\":\"123abc\",\"action_parameters\":null,\"action\":\"list_machines\"}";
        String response = "{\"errors\":[\"Message 2 Caught :error with No valid nodes were found.\"]}";
        long id = createRequest(
                "{\"status\":\"not_started\",\"request_body\":" + request + ",\"response_body\":" + response + "}");

        Reply reply = As.viewer().get("/messaging/rpc_requests/" + id);

        assertStatus(200, reply);
        assertEquals(id, reply.json().getJsonNumber("id").longValue());
        assertEquals(json(request), reply.json().get("request_body"), "decoded into JSON");
        assertEquals(json(response), reply.json().get("response_body"), "decoded into JSON");
    }

    @Test
    @DisplayName("create - bad request")
    void createBadRequest() {
        assertFieldError(400, As.module().post("/messaging/rpc_requests", "{}"), "status");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a status longer
     * than its column (a database error, so a 500, in the original) is now a 400 naming the field.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String tooLong = "x".repeat(256);

        assertFieldError(
                400,
                As.module().post("/messaging/rpc_requests", "{\"status\":\"" + tooLong + "\",\"request_body\":{}}"),
                "status");
        assertFalse(As.viewer().get("/messaging/rpc_requests").body().contains(tooLong), "nothing stored");
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        Reply reply = As.module().post("/messaging/rpc_requests", "{\"status\":\"not_started\",\"request_body\":{}}");

        assertCreated(reply, "/messaging/rpc_requests/");
        JsonObject stored = As.viewer().get(reply.location()).json();
        assertEquals("not_started", stored.getString("status"));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, stored.get("request_body"));
    }

    @Test
    @DisplayName("update - bad request")
    void updateBadRequest() {
        long id = createRequest(NOT_STARTED);

        assertFieldError(400, As.module().put("/messaging/rpc_requests/" + id, "{}"), "status");
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): a status with a
     * NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400 naming the field.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        long id = createRequest(NOT_STARTED);

        assertFieldError(
                400,
                As.module()
                        .put("/messaging/rpc_requests/" + id, "{\"status\":\"not\\u0000started\",\"request_body\":{}}"),
                "status");
        assertEquals(
                "not_started",
                As.viewer().get("/messaging/rpc_requests/" + id).json().getString("status"));
    }

    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        long id = createRequest(NOT_STARTED);

        Reply reply = As.module()
                .put("/messaging/rpc_requests/" + id, "{\"status\":\"completed\",\"request_body\":{\"a\":1}}");

        assertUpdated(reply, "/messaging/rpc_requests/");
        JsonObject stored = As.viewer().get("/messaging/rpc_requests/" + id).json();
        assertEquals("completed", stored.getString("status"));
        assertEquals(json("{\"a\":1}"), stored.get("request_body"));
    }

    @Test
    @DisplayName("destroy - invalid request")
    void destroyInvalidRequest() {
        assertProblem(404, As.module().delete("/messaging/rpc_requests/" + UNKNOWN));
    }

    @Test
    @DisplayName("destroy - valid request")
    void destroyValidRequest() {
        long id = createRequest(NOT_STARTED);

        assertStatus(204, As.module().delete("/messaging/rpc_requests/" + id));

        assertProblem(404, As.viewer().get("/messaging/rpc_requests/" + id));
    }
}
