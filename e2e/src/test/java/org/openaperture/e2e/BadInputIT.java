package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Tokens;

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

    /**
     * Every operation that can take a body (POST and PUT, as {@code /openapi} lists them; some ignore it),
     * called by a caller with its roles: a
     * JSON document nested 5,000 deep is a 400 and a body over the 1 MiB limit a 413, each a problem that names
     * the limit, and nothing is stored.
     */
    @Test
    void everyOperationWithABodyRefusesADeepDocumentAndABodyOverTheLimit() {
        JsonObject paths = Server.API
                .send("GET", "/openapi?format=JSON", null, null)
                .json()
                .getJsonObject("paths");
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
        String before = everything();
        List<Executable> checks = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonValue> path : paths.entrySet()) {
            for (Map.Entry<String, JsonValue> op :
                    path.getValue().asJsonObject().entrySet()) {
                JsonObject operation = op.getValue().asJsonObject();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!method.equals("POST") && !method.equals("PUT")) {
                    continue; // what cannot take a body
                }
                operations++;
                String uri = path.getKey().replaceAll("\\{[^}]+}", "1");
                String type = operation.containsKey("requestBody")
                        ? operation.getJsonObject("requestBody").getJsonObject("content").keySet().stream()
                                .findFirst()
                                .orElse(JSON)
                        : JSON;
                String[] roles = operation.getJsonArray("x-roles").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toArray(String[]::new);
                ApiClient caller = Server.API.withToken(Tokens.mint("limits", roles));
                Case tooDeep = new Case(method, uri, type, "(5,000 deep)", 400, "nested deeper than the limit of 64");
                Reply deepReply = caller.send(method, uri, type, deep);
                checks.add(() -> assertProblem(tooDeep, deepReply));
                Case tooLarge = new Case(method, uri, type, "(1 MiB and more)", 413, "limit of 1048576 bytes");
                Reply hugeReply = caller.send(method, uri, type, huge);
                checks.add(() -> assertProblem(tooLarge, hugeReply));
            }
        }
        assertTrue(operations >= 20, "/openapi lists the operations that take a body: " + operations);
        checks.add(() -> assertEquals(before, everything(), "a refused body changed stored data"));
        assertAll(checks);
    }

    /**
     * An exchange that is another's parent or failover, and a broker that is another's failover or that an
     * exchange is restricted to, cannot be deleted: 409 naming what depends on it, and nothing changes.
     */
    @Test
    void deletingWhatOthersDependOnIsAConflictThatNamesThemAndChangesNothing() {
        String suffix = UUID.randomUUID().toString();
        long failoverBroker = Server.ADMIN
                .post("/messaging/brokers", "{\"name\":\"dep-failover-" + suffix + "\"}")
                .createdId();
        long broker = Server.ADMIN
                .post(
                        "/messaging/brokers",
                        "{\"name\":\"dep-broker-" + suffix + "\",\"failover_broker_id\":" + failoverBroker + "}")
                .createdId();
        long restricted = Server.ADMIN
                .post("/messaging/brokers", "{\"name\":\"dep-restricted-" + suffix + "\"}")
                .createdId();
        long parent = Server.ADMIN
                .post("/messaging/exchanges", "{\"name\":\"dep-parent-" + suffix + "\",\"routing_key_fragment\":\"p\"}")
                .createdId();
        String childName = "dep-child-" + suffix;
        long child = Server.ADMIN
                .post(
                        "/messaging/exchanges",
                        "{\"name\":\"" + childName + "\",\"routing_key_fragment\":\"c\",\"parent_exchange_id\":"
                                + parent + "}")
                .createdId();
        long failover = Server.ADMIN
                .post("/messaging/exchanges", "{\"name\":\"dep-failover-" + suffix + "\"}")
                .createdId();
        String usingName = "dep-using-" + suffix;
        long using = Server.ADMIN
                .post(
                        "/messaging/exchanges",
                        "{\"name\":\"" + usingName + "\",\"failover_exchange_id\":" + failover + "}")
                .createdId();
        Reply restriction = Server.ADMIN.post(
                "/messaging/exchanges/" + using + "/brokers", "{\"messaging_broker_id\":" + restricted + "}");
        assertEquals(201, restriction.status(), restriction.toString());
        String before = everything();

        List<Case> cases = List.of(
                new Case(
                        "DELETE", "/messaging/exchanges/" + parent, JSON, null, 409, "the parent of exchange " + child),
                new Case(
                        "DELETE",
                        "/messaging/exchanges/" + failover,
                        JSON,
                        null,
                        409,
                        "the failover of exchange " + using),
                new Case(
                        "DELETE",
                        "/messaging/brokers/" + failoverBroker,
                        JSON,
                        null,
                        409,
                        "the failover of broker " + broker),
                new Case(
                        "DELETE",
                        "/messaging/brokers/" + restricted,
                        JSON,
                        null,
                        409,
                        "a broker restriction of exchange " + using));
        List<Executable> checks = new ArrayList<>();
        for (Case c : cases) {
            Reply reply = Server.ADMIN.send(c.method(), c.path(), c.contentType(), c.body());
            checks.add(() -> assertProblem(c, reply));
        }
        checks.add(() -> assertEquals(before, everything(), "a refused delete changed stored data"));
        assertAll(checks);
        assertTrue(
                Server.ADMIN.get("/messaging/exchanges/" + child).body().contains(childName),
                "the child keeps its parent");

        // Dependents first, then what they depended on: each delete goes through.
        for (String path : List.of(
                "/messaging/exchanges/" + using + "/brokers",
                "/messaging/exchanges/" + using,
                "/messaging/exchanges/" + failover,
                "/messaging/exchanges/" + child,
                "/messaging/exchanges/" + parent,
                "/messaging/brokers/" + restricted,
                "/messaging/brokers/" + broker,
                "/messaging/brokers/" + failoverBroker)) {
            assertEquals(204, Server.ADMIN.delete(path).status(), path);
        }
    }

    /** With the server configuration of {@code server-config}, no response names the server or its version. */
    @Test
    void noResponseNamesTheServerOrItsVersion() throws Exception {
        String base = System.getProperty("it.base.url", "http://127.0.0.1:20080");
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/health/ready", "/messaging/exchanges", "/console/", "/no-such-route")) {
            HttpResponse<String> reply = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(Optional.empty(), reply.headers().firstValue("Server"), "Server header of " + path);
            assertEquals(Optional.empty(), reply.headers().firstValue("X-Powered-By"), "X-Powered-By of " + path);
        }
    }

    private static String everything() {
        return Server.ADMIN.get("/messaging/brokers").body()
                + Server.ADMIN.get("/messaging/exchanges").body()
                + Server.ADMIN.get("/system_components").body()
                + Server.ADMIN.get("/system_component_refs").body()
                + Server.ADMIN.get("/workflows?lookback=0").array().size();
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
