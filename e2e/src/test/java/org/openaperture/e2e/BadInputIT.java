package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openaperture.testsupport.ApiClient.Reply;

/**
 * Bad input on every route gets a 4xx problem+json that says what was wrong, and stores nothing: missing
 * fields, wrong types, unknown ids, duplicate names, dangling references, bodies that are not JSON.
 */
class BadInputIT {
    private static final long UNKNOWN = 987654321L;
    private static final String JSON = "application/json";

    private record Case(String method, String path, String contentType, String body, int status, String mentions) {}

    @Test
    void everyRouteAnswersBadInputWithAProblemThatSaysWhatWasWrongAndStoresNothing() {
        String suffix = UUID.randomUUID().toString();
        long broker = Server.ADMIN
                .post("/messaging/brokers", "{\"name\":\"bad-input-broker-" + suffix + "\"}")
                .createdId();
        long exchange = Server.ADMIN
                .post(
                        "/messaging/exchanges",
                        "{\"name\":\"bad-input-exchange-" + suffix + "\",\"routing_key_fragment\":\"bad\"}")
                .createdId();
        String brokerName = "bad-input-broker-" + suffix;
        String exchangeName = "bad-input-exchange-" + suffix;
        String before = snapshot(broker, exchange);

        List<Case> cases = List.of(
                new Case("POST", "/messaging/brokers", JSON, "{}", 400, "name"),
                new Case("POST", "/messaging/brokers", JSON, "{\"name\":\"\"}", 400, "name"),
                new Case("POST", "/messaging/brokers", JSON, "{\"name\":123}", 400, "name"),
                new Case(
                        "POST",
                        "/messaging/brokers",
                        JSON,
                        "{\"name\":\"x-" + suffix + "\",\"failover_broker_id\":\"abc\"}",
                        400,
                        "failover_broker_id"),
                new Case(
                        "POST",
                        "/messaging/brokers",
                        JSON,
                        "{\"name\":\"x-" + suffix + "\",\"failover_broker_id\":" + UNKNOWN + "}",
                        400,
                        "failover broker " + UNKNOWN),
                new Case("POST", "/messaging/brokers", JSON, "{\"name\":", 400, "JSON"),
                new Case("POST", "/messaging/brokers", JSON, "[1,2]", 400, "JSON"),
                new Case("POST", "/messaging/brokers", "text/plain", "name=x", 415, "application/json"),
                new Case("POST", "/messaging/brokers", JSON, "{\"name\":\"" + brokerName + "\"}", 409, brokerName),
                new Case("GET", "/messaging/brokers/" + UNKNOWN, JSON, null, 404, String.valueOf(UNKNOWN)),
                new Case("GET", "/messaging/brokers/not-a-number", JSON, null, 404, "no such resource"),
                new Case(
                        "PUT", "/messaging/brokers/" + UNKNOWN, JSON, "{\"name\":\"y\"}", 404, String.valueOf(UNKNOWN)),
                new Case("PUT", "/messaging/brokers/" + broker, JSON, "{}", 400, "name"),
                new Case(
                        "PUT",
                        "/messaging/brokers/" + broker,
                        JSON,
                        "{\"name\":\"z\",\"failover_broker_id\":" + broker + "}",
                        400,
                        "own failover"),
                new Case("DELETE", "/messaging/brokers/" + UNKNOWN, JSON, null, 404, String.valueOf(UNKNOWN)),
                new Case(
                        "GET",
                        "/messaging/brokers/" + UNKNOWN + "/connections",
                        JSON,
                        null,
                        404,
                        String.valueOf(UNKNOWN)),
                new Case(
                        "POST",
                        "/messaging/brokers/" + UNKNOWN + "/connections",
                        JSON,
                        connection("5672"),
                        404,
                        String.valueOf(UNKNOWN)),
                new Case("POST", "/messaging/brokers/" + broker + "/connections", JSON, "{}", 400, "username"),
                new Case(
                        "POST",
                        "/messaging/brokers/" + broker + "/connections",
                        JSON,
                        connection("\"5672\""),
                        400,
                        "port"),
                new Case(
                        "POST",
                        "/messaging/brokers/" + broker + "/connections",
                        JSON,
                        connection("70000"),
                        400,
                        "port"),
                new Case(
                        "POST",
                        "/messaging/brokers/" + broker + "/connections",
                        JSON,
                        connection("4294972968"),
                        400,
                        "port"),
                new Case(
                        "DELETE",
                        "/messaging/brokers/" + UNKNOWN + "/connections",
                        JSON,
                        null,
                        404,
                        String.valueOf(UNKNOWN)),
                new Case("POST", "/messaging/exchanges", JSON, "{}", 400, "name"),
                new Case("POST", "/messaging/exchanges", JSON, "{\"name\":[\"a\"]}", 400, "name"),
                new Case(
                        "POST",
                        "/messaging/exchanges",
                        JSON,
                        "{\"name\":\"e-" + suffix + "\",\"parent_exchange_id\":" + UNKNOWN + "}",
                        400,
                        "parent exchange " + UNKNOWN + " does not exist"),
                new Case(
                        "POST",
                        "/messaging/exchanges",
                        JSON,
                        "{\"name\":\"e-" + suffix + "\",\"failover_exchange_id\":" + UNKNOWN + "}",
                        400,
                        "failover exchange " + UNKNOWN),
                new Case(
                        "POST",
                        "/messaging/exchanges",
                        JSON,
                        "{\"name\":\"e-" + suffix + "\",\"parent_exchange_id\":1.5}",
                        400,
                        "parent_exchange_id"),
                new Case(
                        "POST", "/messaging/exchanges", JSON, "{\"name\":\"" + exchangeName + "\"}", 409, exchangeName),
                new Case(
                        "POST",
                        "/messaging/exchanges",
                        JSON,
                        "{\"name\":\"e-" + suffix + "\",\"parent_exchange_id\":18446744073709551617}",
                        400,
                        "parent_exchange_id"),
                new Case("POST", "/messaging/exchanges", JSON, "{\"name\":\"e-\\u0000-" + suffix + "\"}", 400, "NUL"),
                new Case(
                        "POST",
                        "/messaging/exchanges",
                        JSON,
                        "{\"name\":\"e-" + suffix + "\",\"routing_key_fragment\":\"us east.#\"}",
                        400,
                        "routing_key_fragment"),
                new Case("GET", "/messaging/exchanges/" + UNKNOWN, JSON, null, 404, String.valueOf(UNKNOWN)),
                new Case(
                        "PUT",
                        "/messaging/exchanges/" + UNKNOWN,
                        JSON,
                        "{\"name\":\"y\"}",
                        404,
                        String.valueOf(UNKNOWN)),
                new Case(
                        "PUT",
                        "/messaging/exchanges/" + exchange,
                        JSON,
                        "{\"routing_key_fragment\":\"x\"}",
                        400,
                        "name"),
                new Case(
                        "PUT",
                        "/messaging/exchanges/" + exchange,
                        JSON,
                        "{\"name\":\"" + exchangeName + "\",\"parent_exchange_id\":" + exchange + "}",
                        400,
                        "cycle"),
                new Case(
                        "PUT",
                        "/messaging/exchanges/" + exchange,
                        JSON,
                        "{\"name\":\"" + exchangeName + "\",\"failover_exchange_id\":true}",
                        400,
                        "failover_exchange_id"),
                new Case("DELETE", "/messaging/exchanges/" + UNKNOWN, JSON, null, 404, String.valueOf(UNKNOWN)),
                new Case(
                        "GET",
                        "/messaging/exchanges/" + UNKNOWN + "/modules",
                        JSON,
                        null,
                        404,
                        String.valueOf(UNKNOWN)),
                new Case("GET", "/messaging/exchanges/" + exchange + "/modules/nobody", JSON, null, 404, "nobody"),
                new Case("PATCH", "/messaging/exchanges/" + exchange, JSON, "{}", 405, "not allowed"));

        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            Reply reply = Server.ADMIN.send(c.method(), c.path(), c.contentType(), c.body());
            checks.add(() -> assertProblem(c, reply));
        }
        checks.add(() -> assertEquals(before, snapshot(broker, exchange), "bad input changed stored data"));
        assertAll(checks);
    }

    private static void assertProblem(Case c, Reply reply) {
        String what = c.method() + " " + c.path() + " " + c.body() + " -> " + reply;
        assertEquals(c.status(), reply.status(), what);
        assertTrue(reply.contentType().startsWith("application/problem+json"), what);
        JsonObject problem = reply.json();
        assertEquals(c.status(), problem.getInt("status"), what);
        assertTrue(
                problem.getString("detail").contains(c.mentions()),
                "detail should mention '" + c.mentions() + "': " + what);
        assertFalse(reply.body().contains("Exception"), "no stack trace or exception name: " + what);
    }

    private static String connection(String port) {
        return "{\"username\":\"u\",\"password\":\"bad-input-pw-1\",\"host\":\"h\",\"port\":" + port + "}";
    }

    private static String snapshot(long broker, long exchange) {
        return Server.ADMIN.get("/messaging/brokers").body()
                + Server.ADMIN.get("/messaging/exchanges").body()
                + Server.ADMIN
                        .get("/messaging/brokers/" + broker + "/connections")
                        .body()
                + Server.ADMIN
                        .get("/messaging/exchanges/" + exchange + "/modules")
                        .body();
    }
}
