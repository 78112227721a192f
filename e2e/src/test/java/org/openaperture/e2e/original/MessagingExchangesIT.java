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
import static org.openaperture.e2e.original.Checks.deleteAll;
import static org.openaperture.e2e.original.Checks.unique;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/**
 * The original {@code messaging_exchanges_test}, case by case, over HTTP.
 *
 * <p>Not ported: the five {@code show_clusters} cases ("show_clusters - success", "- success build
 * clusters", "- success found no build clusters", "- none associated", "- not found"). They covered
 * {@code GET /messaging/exchanges/{id}/clusters}, which listed the etcd clusters of an exchange; etcd (and
 * fleet) is gone in this design, so there are no clusters and no such route.
 */
class MessagingExchangesIT {

    static long createExchange(String name, String fragment, Long parent, Long failover) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", name);
        if (fragment != null) {
            body.add("routing_key_fragment", fragment);
        }
        if (parent != null) {
            body.add("parent_exchange_id", parent);
        }
        if (failover != null) {
            body.add("failover_exchange_id", failover);
        }
        Reply created = As.admin().post("/messaging/exchanges", body.build());
        assertStatus(201, created);
        return created.createdId();
    }

    static long createExchange(String name) {
        return createExchange(name, null, null, null);
    }

    private static long createBroker() {
        return MessagingBrokersIT.createBroker(unique("broker"));
    }

    private static void deleteAllExchanges() {
        deleteAll("/messaging/exchanges");
    }

    private static JsonObject byId(JsonArray exchanges, long id) {
        return exchanges.getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonNumber("id").longValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("exchange " + id + " not listed: " + exchanges));
    }

    @Test
    @DisplayName("index - no exchanges")
    void indexNoExchanges() {
        deleteAllExchanges();

        Reply reply = As.viewer().get("/messaging/exchanges");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("index - exchanges")
    void indexExchanges() {
        deleteAllExchanges();
        String name = unique("exchange");
        long id = createExchange(name);

        Reply reply = As.viewer().get("/messaging/exchanges");

        assertStatus(200, reply);
        assertEquals(1, reply.array().size(), reply::body);
        assertEquals(id, reply.array().getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(name, reply.array().getJsonObject(0).getString("name"));
    }

    @Test
    @DisplayName("index - hierarchy of exchanges")
    void indexHierarchyOfExchanges() {
        String parentName = unique("provider");
        long parent = createExchange(parentName, "provider", null, null);
        String childName = unique("region");
        long child = createExchange(childName, "region", parent, parent);

        Reply reply = As.viewer().get("/messaging/exchanges");

        assertStatus(200, reply);
        JsonObject p = byId(reply.array(), parent);
        assertEquals(parentName, p.getString("name"));
        assertEquals("provider", p.getString("routing_key_fragment"));
        assertEquals("provider", p.getString("routing_key"));
        assertEquals(parentName, p.getString("root_exchange_name"));
        JsonObject c = byId(reply.array(), child);
        assertEquals(childName, c.getString("name"));
        assertEquals("region", c.getString("routing_key_fragment"));
        assertEquals("provider.region", c.getString("routing_key"));
        assertEquals(parentName, c.getString("root_exchange_name"));
    }

    @Test
    @DisplayName("show - invalid exchange")
    void showInvalidExchange() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + UNKNOWN));
    }

    @Test
    @DisplayName("show - valid exchange")
    void showValidExchange() {
        String name = unique("exchange");
        long id = createExchange(name);

        Reply reply = As.viewer().get("/messaging/exchanges/" + id);

        assertStatus(200, reply);
        assertEquals(id, reply.json().getJsonNumber("id").longValue());
        assertEquals(name, reply.json().getString("name"));
    }

    @Test
    @DisplayName("show - valid exchange in hierarchy")
    void showValidExchangeInHierarchy() {
        String parentName = unique("provider");
        long parent = createExchange(parentName, "provider", null, null);
        String childName = unique("region");
        long child = createExchange(childName, "region", parent, parent);

        Reply reply = As.viewer().get("/messaging/exchanges/" + child);

        assertStatus(200, reply);
        JsonObject c = reply.json();
        assertEquals(child, c.getJsonNumber("id").longValue());
        assertEquals(childName, c.getString("name"));
        assertEquals("region", c.getString("routing_key_fragment"));
        assertEquals("provider.region", c.getString("routing_key"));
        assertEquals(parentName, c.getString("root_exchange_name"));
    }

    @Test
    @DisplayName("create - conflict")
    void createConflict() {
        String name = unique("exchange");
        createExchange(name);

        assertProblem(409, As.admin().post("/messaging/exchanges", "{\"name\":\"" + name + "\"}"));
    }

    @Test
    @DisplayName("create - bad request")
    void createBadRequest() {
        assertFieldError(400, As.admin().post("/messaging/exchanges", "{}"), "name");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw): a failover
     * exchange that does not exist, a foreign key violation and so a 500 in the original, is now a 400.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String name = unique("exchange");

        assertProblem(
                400,
                As.admin()
                        .post(
                                "/messaging/exchanges",
                                "{\"name\":\"" + name + "\",\"failover_exchange_id\":" + UNKNOWN + "}"));
        assertFalse(As.viewer().get("/messaging/exchanges").body().contains(name), "nothing stored");
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        String name = unique("exchange");

        Reply reply = As.admin().post("/messaging/exchanges", "{\"name\":\"" + name + "\"}");

        assertCreated(reply, "/messaging/exchanges/");
        assertEquals(name, As.viewer().get(reply.location()).json().getString("name"));
    }

    @Test
    @DisplayName("update - conflict")
    void updateConflict() {
        long id = createExchange(unique("exchange"));
        String other = unique("exchange");
        createExchange(other);

        assertProblem(409, As.admin().put("/messaging/exchanges/" + id, "{\"name\":\"" + other + "\"}"));
    }

    @Test
    @DisplayName("update - bad request")
    void updateBadRequest() {
        long id = createExchange(unique("exchange"));

        assertFieldError(400, As.admin().put("/messaging/exchanges/" + id, "{}"), "name");
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): a parent
     * exchange that does not exist (a foreign key violation, a 500 in the original) is now a 400.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        String name = unique("exchange");
        long id = createExchange(name);

        assertProblem(
                400,
                As.admin()
                        .put(
                                "/messaging/exchanges/" + id,
                                "{\"name\":\"" + name + "\",\"parent_exchange_id\":" + UNKNOWN + "}"));
        assertTrue(As.viewer().get("/messaging/exchanges/" + id).json().isNull("parent_exchange_id"));
    }

    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        long id = createExchange(unique("exchange"));
        String name = unique("renamed");

        Reply reply = As.admin().put("/messaging/exchanges/" + id, "{\"name\":\"" + name + "\"}");

        assertUpdated(reply, "/messaging/exchanges/");
        assertEquals(name, As.viewer().get("/messaging/exchanges/" + id).json().getString("name"));
    }

    @Test
    @DisplayName("destroy - invalid exchange")
    void destroyInvalidExchange() {
        assertProblem(404, As.admin().delete("/messaging/exchanges/" + UNKNOWN));
    }

    @Test
    @DisplayName("destroy - valid exchange")
    void destroyValidExchange() {
        long id = createExchange(unique("exchange"));

        assertStatus(204, As.admin().delete("/messaging/exchanges/" + id));

        assertProblem(404, As.viewer().get("/messaging/exchanges/" + id));
    }

    @Test
    @DisplayName("create_broker_restriction - success")
    void createBrokerRestrictionSuccess() {
        long exchange = createExchange(unique("exchange"));
        long broker = createBroker();

        Reply reply = As.admin()
                .post("/messaging/exchanges/" + exchange + "/brokers", "{\"messaging_broker_id\":" + broker + "}");

        assertCreated(reply, "/brokers");
        assertTrue(reply.location().contains("/exchanges"), reply.location());
        // BUG fixed: the original's Location carried the id of the restriction row, not of the exchange.
        assertTrue(reply.location().endsWith("/messaging/exchanges/" + exchange + "/brokers"), reply.location());
        JsonArray rows =
                As.viewer().get("/messaging/exchanges/" + exchange + "/brokers").array();
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(
                broker,
                rows.getJsonObject(0).getJsonNumber("messaging_broker_id").longValue());
        assertEquals(
                exchange,
                rows.getJsonObject(0).getJsonNumber("messaging_exchange_id").longValue());
    }

    @Test
    @DisplayName("create_broker_restriction - bad request")
    void createBrokerRestrictionBadRequest() {
        long exchange = createExchange(unique("exchange"));
        createBroker();

        assertFieldError(
                400, As.admin().post("/messaging/exchanges/" + exchange + "/brokers", "{}"), "messaging_broker_id");
    }

    @Test
    @DisplayName("create_broker_restriction - conflict")
    void createBrokerRestrictionConflict() {
        long exchange = createExchange(unique("exchange"));
        long broker = createBroker();
        String body = "{\"messaging_broker_id\":" + broker + "}";
        assertStatus(201, As.admin().post("/messaging/exchanges/" + exchange + "/brokers", body));

        assertProblem(409, As.admin().post("/messaging/exchanges/" + exchange + "/brokers", body));
    }

    /**
     * Stands for the original "create_broker_restriction - internal server error" (a mocked insert that
     * threw): a broker id that is not a number, which the original's lookup failed to cast (a 500), is now a
     * 400 naming the field.
     */
    @Test
    @DisplayName("create_broker_restriction - internal server error")
    void createBrokerRestrictionInternalServerError() {
        long exchange = createExchange(unique("exchange"));

        assertFieldError(
                400,
                As.admin().post("/messaging/exchanges/" + exchange + "/brokers", "{\"messaging_broker_id\":\"abc\"}"),
                "messaging_broker_id");
        assertEquals(
                0,
                As.viewer()
                        .get("/messaging/exchanges/" + exchange + "/brokers")
                        .array()
                        .size());
    }

    @Test
    @DisplayName("get_broker_restrictions - success")
    void getBrokerRestrictionsSuccess() {
        long exchange = createExchange(unique("exchange"));
        long broker = createBroker();
        assertStatus(
                201,
                As.admin()
                        .post(
                                "/messaging/exchanges/" + exchange + "/brokers",
                                "{\"messaging_broker_id\":" + broker + "}"));

        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange + "/brokers");

        assertStatus(200, reply);
        assertEquals(1, reply.array().size(), reply::body);
        JsonObject row = reply.array().getJsonObject(0);
        assertFalse(row.isNull("id"));
        assertEquals(broker, row.getJsonNumber("messaging_broker_id").longValue());
        assertEquals(exchange, row.getJsonNumber("messaging_exchange_id").longValue());
    }

    @Test
    @DisplayName("get_broker_restrictions - not found")
    void getBrokerRestrictionsNotFound() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + UNKNOWN + "/brokers"));
    }

    @Test
    @DisplayName("destroy_broker_restrictions - success")
    void destroyBrokerRestrictionsSuccess() {
        long exchange = createExchange(unique("exchange"));
        long broker = createBroker();
        assertStatus(
                201,
                As.admin()
                        .post(
                                "/messaging/exchanges/" + exchange + "/brokers",
                                "{\"messaging_broker_id\":" + broker + "}"));

        assertStatus(204, As.admin().delete("/messaging/exchanges/" + exchange + "/brokers"));

        assertEquals(
                0,
                As.viewer()
                        .get("/messaging/exchanges/" + exchange + "/brokers")
                        .array()
                        .size());
    }

    /** The original's name; it deletes the restrictions of an unknown exchange. */
    @Test
    @DisplayName("get_broker_restrictions - not found 2")
    void getBrokerRestrictionsNotFound2() {
        assertProblem(404, As.admin().delete("/messaging/exchanges/" + UNKNOWN + "/brokers"));
    }

    @Test
    @DisplayName("show_components - not found")
    void showComponentsNotFound() {
        assertProblem(404, As.viewer().get("/messaging/exchanges/" + UNKNOWN + "/system_components"));
    }

    @Test
    @DisplayName("show_components - no components")
    void showComponentsNoComponents() {
        long exchange = createExchange(unique("exchange"));

        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange + "/system_components");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("show_components - components")
    void showComponentsComponents() {
        long exchange = createExchange(unique("exchange"));
        long first = SystemComponentsIT.createComponent(exchange, "test");
        long second = SystemComponentsIT.createComponent(exchange, "test2");

        Reply reply = As.viewer().get("/messaging/exchanges/" + exchange + "/system_components");

        assertStatus(200, reply);
        Set<Long> ids = reply.array().getValuesAs(JsonObject.class).stream()
                .map(c -> c.getJsonNumber("id").longValue())
                .collect(Collectors.toSet());
        assertEquals(Set.of(first, second), ids);
    }
}
