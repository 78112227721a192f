package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openaperture.e2e.original.Checks.UNKNOWN;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.e2e.Server;
import org.openaperture.testsupport.ApiClient.Reply;

/** The original {@code messaging_exchange_modules_test}, case by case, over HTTP. */
class MessagingExchangeModulesIT {

    /** As the original stored it: the workload as JSON text, which reads back as an empty array. */
    private static String module(String hostname) {
        return "{\"hostname\":\"" + hostname + "\",\"type\":\"builder\",\"status\":\"active\",\"workload\":\"[]\"}";
    }

    private static long exchange() {
        return MessagingExchangesIT.createExchange(unique("exchange"));
    }

    private static String register(long exchange) {
        String hostname = unique("host");
        assertStatus(201, As.module().post("/messaging/exchanges/" + exchange + "/modules", module(hostname)));
        return hostname;
    }

    private static void assertModule(JsonObject m, long exchange, String hostname) {
        assertEquals(exchange, m.getJsonNumber("messaging_exchange_id").longValue());
        assertEquals(hostname, m.getString("hostname"));
        assertEquals("builder", m.getString("type"));
        assertEquals("active", m.getString("status"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, m.get("workload"));
    }

    @Test
    @DisplayName("index - invalid exchange")
    void indexInvalidExchange() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + UNKNOWN + "/modules"));
    }

    @Test
    @DisplayName("index - valid exchange no modules")
    void indexValidExchangeNoModules() {
        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange() + "/modules");

        assertStatus(200, reply);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, reply.array());
    }

    @Test
    @DisplayName("index - valid exchange with modules")
    void indexValidExchangeWithModules() {
        long exchange = exchange();
        String hostname = register(exchange);

        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange + "/modules");

        assertStatus(200, reply);
        assertEquals(1, reply.array().size(), reply::body);
        assertModule(reply.array().getJsonObject(0), exchange, hostname);
    }

    @Test
    @DisplayName("show - invalid exchange")
    void showInvalidExchange() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + UNKNOWN + "/modules/badnewsbears"));
    }

    @Test
    @DisplayName("show - valid exchange no modules")
    void showValidExchangeNoModules() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + exchange() + "/modules/badnewsbears"));
    }

    @Test
    @DisplayName("show - valid exchange with modules")
    void showValidExchangeWithModules() {
        long exchange = exchange();
        String hostname = register(exchange);

        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange + "/modules/" + hostname);

        assertStatus(200, reply);
        assertModule(reply.json(), exchange, hostname);
    }

    /** The original answered this 404 with an empty body; it is a problem like every other 404 now. */
    @Test
    @DisplayName("destroy - invalid exchange")
    void destroyInvalidExchange() {
        assertProblem(404, As.module().delete("/messaging/exchanges/" + UNKNOWN + "/modules/badnewsbears"));
    }

    @Test
    @DisplayName("destroy - valid exchange no modules")
    void destroyValidExchangeNoModules() {
        assertProblem(404, As.module().delete("/messaging/exchanges/" + exchange() + "/modules/badnewsbears"));
    }

    @Test
    @DisplayName("destroy - valid exchange with modules")
    void destroyValidExchangeWithModules() {
        long exchange = exchange();
        String hostname = register(exchange);

        assertStatus(204, As.module().delete("/messaging/exchanges/" + exchange + "/modules/" + hostname));

        assertProblem(404, As.viewer().get("/messaging/exchanges/" + exchange + "/modules/" + hostname));
    }

    @Test
    @DisplayName("create - invalid exchange")
    void createInvalidExchange() {
        assertProblem(404, As.module().post("/messaging/exchanges/" + UNKNOWN + "/modules", module(unique("host"))));
    }

    /** The original posted no body at all; an empty object is the JSON equivalent. */
    @Test
    @DisplayName("create - valid exchange no modules")
    void createValidExchangeNoModules() {
        long exchange = exchange();

        assertProblem(400, As.module().post("/messaging/exchanges/" + exchange + "/modules", "{}"));
        // No Content-Type at all: Jersey (Payara) lets the request through to the missing body (400); RESTEasy
        // (WildFly) takes it as application/octet-stream, as JAX-RS says, which the JSON route refuses (415).
        assertProblem(
                Server.isWildFly() ? 415 : 400,
                As.module().send("POST", "/messaging/exchanges/" + exchange + "/modules", null, null));
    }

    @Test
    @DisplayName("create - valid exchange with modules")
    void createValidExchangeWithModules() {
        long exchange = exchange();
        String hostname = unique("host");

        Reply reply = As.module().post("/messaging/exchanges/" + exchange + "/modules", module(hostname));

        assertCreated(reply, "/modules");
        assertModule(
                As.viewer()
                        .get("/messaging/exchanges/" + exchange + "/modules/" + hostname)
                        .json(),
                exchange,
                hostname);
    }
}
