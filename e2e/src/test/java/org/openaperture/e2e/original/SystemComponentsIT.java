package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openaperture.e2e.original.Checks.UNKNOWN;
import static org.openaperture.e2e.original.Checks.assertCreated;
import static org.openaperture.e2e.original.Checks.assertFieldError;
import static org.openaperture.e2e.original.Checks.assertProblem;
import static org.openaperture.e2e.original.Checks.assertStatus;
import static org.openaperture.e2e.original.Checks.assertUpdated;
import static org.openaperture.e2e.original.Checks.json;
import static org.openaperture.e2e.original.Checks.unique;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.AmqpQueue.Received;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.RabbitMq;

/**
 * The original {@code system_components_test}, case by case, over HTTP. The index-by-type and upgrade cases
 * come from the spec's catalogue (§13.5), named after it.
 */
class SystemComponentsIT {
    private static final String OVERSEER_QUEUE = "aws:us-east-1.overseer";

    static String component(long exchange, String type, String strategy) {
        return "{\"messaging_exchange_id\":" + exchange + ",\"type\":\"" + type + "\","
                + "\"source_repo\":\"https://github.com/test/test.git\",\"source_repo_git_ref\":\"123abc\","
                + "\"upgrade_strategy\":\"" + strategy + "\",\"deployment_repo\":\"https://github.com/test/test.git\","
                + "\"deployment_repo_git_ref\":\"123abc\"}";
    }

    static long createComponent(long exchange, String type) {
        Reply created = As.admin().post("/system_components", component(exchange, type, "manual"));
        assertStatus(201, created);
        return created.createdId();
    }

    private static long exchange() {
        return MessagingExchangesIT.createExchange(unique("exchange"));
    }

    private static void deleteAllComponents() {
        for (JsonObject c : As.viewer().get("/system_components").array().getValuesAs(JsonObject.class)) {
            assertStatus(204, As.admin().delete("/system_components/" + c.getJsonNumber("id")));
        }
    }

    @Test
    @DisplayName("index - no components")
    void indexNoComponents() {
        deleteAllComponents();

        Reply reply = As.viewer().get("/system_components");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    /** The original inserted two components of the same type in one exchange; that is a conflict now. */
    @Test
    @DisplayName("index - components")
    void indexComponents() {
        deleteAllComponents();
        long exchange = exchange();
        createComponent(exchange, "test");
        createComponent(exchange, "test2");

        Reply reply = As.viewer().get("/system_components");

        assertStatus(200, reply);
        assertEquals(2, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("index - components by type")
    void indexComponentsByType() {
        deleteAllComponents();
        long exchange = exchange();
        long manager = createComponent(exchange, "manager");
        createComponent(exchange, "test");

        Reply reply = As.viewer().get("/system_components?type=manager");

        assertStatus(200, reply);
        assertEquals(1, reply.array().size(), reply::body);
        assertEquals(manager, reply.array().getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals("manager", reply.array().getJsonObject(0).getString("type"));
    }

    @Test
    @DisplayName("show - invalid component")
    void showInvalidComponent() {
        assertProblem(404, As.viewer().get("/system_components/" + UNKNOWN));
    }

    @Test
    @DisplayName("show - valid component")
    void showValidComponent() {
        long exchange = exchange();
        long id = createComponent(exchange, "test");

        Reply reply = As.viewer().get("/system_components/" + id);

        assertStatus(200, reply);
        JsonObject c = reply.json();
        assertEquals(exchange, c.getJsonNumber("messaging_exchange_id").longValue());
        assertEquals("test", c.getString("type"));
        assertEquals("https://github.com/test/test.git", c.getString("source_repo"));
        assertEquals("123abc", c.getString("source_repo_git_ref"));
        assertEquals("https://github.com/test/test.git", c.getString("deployment_repo"));
        assertEquals("123abc", c.getString("deployment_repo_git_ref"));
        assertEquals("manual", c.getString("upgrade_strategy"));
    }

    @Test
    @DisplayName("create - conflict")
    void createConflict() {
        long exchange = exchange();
        createComponent(exchange, "test");

        assertProblem(409, As.admin().post("/system_components", component(exchange, "test", "manaul")));
    }

    @Test
    @DisplayName("create - bad request")
    void createBadRequest() {
        Reply reply = As.admin().post("/system_components", "{}");

        assertFieldError(400, reply, "messaging_exchange_id");
        assertFieldError(400, reply, "type");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a deployment
     * repository longer than its column (a database error, a 500 in the original) is now a 400 naming it.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        long exchange = exchange();
        String body = component(exchange, "test", "manual")
                .replace(
                        "\"deployment_repo\":\"https://github.com/test/test.git\"",
                        "\"deployment_repo\":\"" + "x".repeat(129) + "\"");

        assertFieldError(400, As.admin().post("/system_components", body), "deployment_repo");
        assertEquals(
                0,
                As.viewer()
                        .get("/messaging/exchanges/" + exchange + "/system_components")
                        .array()
                        .size());
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        long exchange = exchange();
        String body = component(exchange, "test", "manaul")
                .replace("}", ",\"status\":\"available\",\"upgrade_status\":{\"step\":\"done\",\"attempts\":2}}");

        Reply reply = As.admin().post("/system_components", body);

        assertCreated(reply, "/system_components/");
        JsonObject stored = As.viewer().get(reply.location()).json();
        assertEquals("available", stored.getString("status"));
        assertEquals(json("{\"step\":\"done\",\"attempts\":2}"), stored.get("upgrade_status"));
    }

    @Test
    @DisplayName("update - bad request")
    void updateBadRequest() {
        long id = createComponent(exchange(), "test");

        assertFieldError(400, As.admin().put("/system_components/" + id, "{}"), "type");
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): an upgrade
     * strategy with a NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        long exchange = exchange();
        long id = createComponent(exchange, "test");

        assertFieldError(
                400,
                As.admin().put("/system_components/" + id, component(exchange, "test", "man\\u0000ual")),
                "upgrade_strategy");
        assertEquals(
                "manual", As.viewer().get("/system_components/" + id).json().getString("upgrade_strategy"));
    }

    @Test
    @DisplayName("update - conflict")
    void updateConflict() {
        long exchange = exchange();
        long id = createComponent(exchange, "test");
        createComponent(exchange, "test2");

        assertProblem(409, As.admin().put("/system_components/" + id, component(exchange, "test2", "manaul")));
    }

    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        long exchange = exchange();
        long id = createComponent(exchange, "test");

        Reply reply = As.admin().put("/system_components/" + id, component(exchange, "test", "hourly"));

        assertUpdated(reply, "/system_components/");
        assertEquals(
                "hourly", As.viewer().get("/system_components/" + id).json().getString("upgrade_strategy"));
    }

    @Test
    @DisplayName("destroy - invalid component")
    void destroyInvalidComponent() {
        assertProblem(404, As.admin().delete("/system_components/" + UNKNOWN));
    }

    @Test
    @DisplayName("destroy - valid component")
    void destroyValidComponent() {
        long id = createComponent(exchange(), "test");

        assertStatus(204, As.admin().delete("/system_components/" + id));

        assertProblem(404, As.viewer().get("/system_components/" + id));
    }

    @Test
    @DisplayName("upgrade - invalid component")
    void upgradeInvalidComponent() {
        assertProblem(404, As.admin().post("/system_components/" + UNKNOWN + "/upgrade", "{}"));
    }

    /** The original checked a mocked Overseer publisher was called; here the request reaches the queue. */
    @Test
    @DisplayName("upgrade - valid component")
    void upgradeValidComponent() {
        long usEast =
                As.admin().ensureExchange("US-EAST-1", "us-east-1", As.admin().ensureExchange("AWS", "aws", null));
        String type = unique("upgradable");
        long id = createComponent(usEast, type);
        RabbitMq.fromSystemProperties().purge(OVERSEER_QUEUE);

        assertStatus(204, As.admin().post("/system_components/" + id + "/upgrade", "{}"));

        Received request = Checks.receiveMatching(
                        OVERSEER_QUEUE,
                        Duration.ofSeconds(15),
                        r -> r.body() != null && r.body().contains(type))
                .orElseThrow(() -> new AssertionError("no upgrade request for " + type + " reached " + OVERSEER_QUEUE));
        JsonObject message = json(request.body());
        assertEquals("upgrade_request", message.getString("action"), request.body());
        assertEquals(type, message.getJsonObject("options").getString("component_type"), request.body());
    }
}
