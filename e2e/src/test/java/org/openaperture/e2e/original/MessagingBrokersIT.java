package org.openaperture.e2e.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/** The original {@code messaging_brokers_test}, case by case, over HTTP. */
class MessagingBrokersIT {
    private static final String CONNECTION = "{\"username\":\"username\",\"password\":\"123abc\",\"host\":\"host\","
            + "\"virtual_host\":\"vhost\",\"port\":5673}";

    static long createBroker(String name) {
        Reply created = As.admin()
                .post(
                        "/messaging/brokers",
                        Json.createObjectBuilder().add("name", name).build());
        assertStatus(201, created);
        return created.createdId();
    }

    static void deleteAllBrokers() {
        // A broker an exchange is restricted to cannot be deleted: lift the restrictions first.
        for (JsonObject e : As.viewer().get("/messaging/exchanges").array().getValuesAs(JsonObject.class)) {
            assertStatus(204, As.admin().delete("/messaging/exchanges/" + e.getJsonNumber("id") + "/brokers"));
        }
        deleteAll("/messaging/brokers");
    }

    @Test
    @DisplayName("index - no brokers")
    void indexNoBrokers() {
        deleteAllBrokers();

        Reply reply = As.viewer().get("/messaging/brokers");

        assertStatus(200, reply);
        assertEquals(0, reply.array().size(), reply::body);
    }

    @Test
    @DisplayName("index - brokers")
    void indexBrokers() {
        deleteAllBrokers();
        String name = unique("broker");
        long id = createBroker(name);

        Reply reply = As.viewer().get("/messaging/brokers");

        assertStatus(200, reply);
        JsonArray brokers = reply.array();
        assertEquals(1, brokers.size(), reply::body);
        assertEquals(id, brokers.getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(name, brokers.getJsonObject(0).getString("name"));
    }

    @Test
    @DisplayName("show - invalid broker")
    void showInvalidBroker() {
        assertProblem(404, As.viewer().get("/messaging/brokers/" + UNKNOWN));
    }

    @Test
    @DisplayName("show - valid broker")
    void showValidBroker() {
        String name = unique("broker");
        long id = createBroker(name);

        Reply reply = As.viewer().get("/messaging/brokers/" + id);

        assertStatus(200, reply);
        assertEquals(id, reply.json().getJsonNumber("id").longValue());
        assertEquals(name, reply.json().getString("name"));
    }

    @Test
    @DisplayName("create - conflict")
    void createConflict() {
        String name = unique("broker");
        createBroker(name);

        assertProblem(409, As.admin().post("/messaging/brokers", "{\"name\":\"" + name + "\"}"));
    }

    @Test
    @DisplayName("create - bad request")
    void createBadRequest() {
        assertFieldError(400, As.admin().post("/messaging/brokers", "{}"), "name");
    }

    /**
     * Stands for the original "create - internal server error" (a mocked insert that threw, a 500): the real
     * insert failure a client can cause is a failover broker that does not exist (a foreign key violation in
     * the original, so a 500). It is now a 400 that names the field.
     */
    @Test
    @DisplayName("create - internal server error")
    void createInternalServerError() {
        String name = unique("broker");
        Reply reply = As.admin()
                .post("/messaging/brokers", "{\"name\":\"" + name + "\",\"failover_broker_id\":" + UNKNOWN + "}");

        assertProblem(400, reply);
        assertFalse(As.viewer().get("/messaging/brokers").body().contains(name), "nothing stored");
    }

    @Test
    @DisplayName("create - success")
    void createSuccess() {
        String name = unique("broker");

        Reply reply = As.admin().post("/messaging/brokers", "{\"name\":\"" + name + "\"}");

        assertCreated(reply, "/messaging/brokers/");
        assertEquals(name, As.viewer().get(reply.location()).json().getString("name"));
    }

    @Test
    @DisplayName("update - conflict")
    void updateConflict() {
        long id = createBroker(unique("broker"));
        String other = unique("broker");
        createBroker(other);

        assertProblem(409, As.admin().put("/messaging/brokers/" + id, "{\"name\":\"" + other + "\"}"));
    }

    @Test
    @DisplayName("update - bad request")
    void updateBadRequest() {
        long id = createBroker(unique("broker"));

        assertFieldError(400, As.admin().put("/messaging/brokers/" + id, "{}"), "name");
    }

    /**
     * Stands for the original "update - internal server error" (a mocked update that threw): a name with a
     * NUL character, which PostgreSQL refuses (a 500 in the original), is now a 400 naming the field.
     */
    @Test
    @DisplayName("update - internal server error")
    void updateInternalServerError() {
        String name = unique("broker");
        long id = createBroker(name);

        assertFieldError(400, As.admin().put("/messaging/brokers/" + id, "{\"name\":\"bad\\u0000name\"}"), "name");
        assertEquals(name, As.viewer().get("/messaging/brokers/" + id).json().getString("name"));
    }

    @Test
    @DisplayName("update - success")
    void updateSuccess() {
        long id = createBroker(unique("broker"));
        String name = unique("renamed");

        Reply reply = As.admin().put("/messaging/brokers/" + id, "{\"name\":\"" + name + "\"}");

        assertUpdated(reply, "/messaging/brokers/");
        assertEquals(name, As.viewer().get("/messaging/brokers/" + id).json().getString("name"));
        // BUG fixed: the original answered 409 when the unchanged name was submitted again.
        assertUpdated(As.admin().put("/messaging/brokers/" + id, "{\"name\":\"" + name + "\"}"), "/messaging/brokers/");
    }

    @Test
    @DisplayName("destroy - invalid broker")
    void destroyInvalidBroker() {
        assertProblem(404, As.admin().delete("/messaging/brokers/" + UNKNOWN));
    }

    @Test
    @DisplayName("destroy - valid broker")
    void destroyValidBroker() {
        long id = createBroker(unique("broker"));

        assertStatus(204, As.admin().delete("/messaging/brokers/" + id));

        assertProblem(404, As.viewer().get("/messaging/brokers/" + id));
    }

    @Test
    @DisplayName("create_connection - success")
    void createConnectionSuccess() {
        long id = createBroker(unique("broker"));

        Reply reply = As.admin().post("/messaging/brokers/" + id + "/connections", CONNECTION);

        assertCreated(reply, "/connections");
        Reply connections = As.viewer().get("/messaging/brokers/" + id + "/connections");
        assertEquals(1, connections.array().size(), connections::body);
        JsonObject connection = connections.array().getJsonObject(0);
        assertEquals(id, connection.getJsonNumber("messaging_broker_id").longValue());
        assertEquals("username", connection.getString("username"));
        assertEquals("host", connection.getString("host"));
        assertEquals("vhost", connection.getString("virtual_host"));
        // BUG fixed: the original did not store the port.
        assertEquals(5673, connection.getInt("port"));
        // The original checked the stored password was not the plain text; a viewer never sees it at all.
        assertFalse(connections.body().contains("123abc"), connections::body);
    }

    /**
     * The original read the decrypted password back. Passwords are now returned only to the module role
     * (design: secrets); a viewer gets the connection without it.
     */
    @Test
    @DisplayName("get_connections - success")
    void getConnectionsSuccess() {
        long id = createBroker(unique("broker"));
        assertCreated(As.admin().post("/messaging/brokers/" + id + "/connections", CONNECTION), "/connections");

        Reply forModule = As.module().get("/messaging/brokers/" + id + "/connections");

        assertStatus(200, forModule);
        assertEquals(1, forModule.array().size(), forModule::body);
        JsonObject connection = forModule.array().getJsonObject(0);
        assertEquals(id, connection.getJsonNumber("messaging_broker_id").longValue());
        assertEquals("username", connection.getString("username"));
        assertEquals("host", connection.getString("host"));
        assertEquals("vhost", connection.getString("virtual_host"));
        assertEquals("123abc", connection.getString("password", null), forModule::body);
        Reply forViewer = As.viewer().get("/messaging/brokers/" + id + "/connections");
        assertFalse(forViewer.body().contains("123abc"), forViewer::body);
    }
}
