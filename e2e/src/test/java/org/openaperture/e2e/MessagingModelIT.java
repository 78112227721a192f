package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient.Reply;

/** The seed's AWS hierarchy through the REST API, and what the server shows an operator. */
class MessagingModelIT {

    @Test
    void theSeedsAwsHierarchyRoutesUsEast1ThroughTheAwsRoot() {
        long aws = Server.ADMIN.ensureExchange("AWS", "aws", null);
        long usEast = Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", aws);

        JsonObject exchange =
                Server.VIEWER.get("/messaging/exchanges/" + usEast).json();

        assertEquals("aws.us-east-1", exchange.getString("routing_key"));
        assertEquals("AWS", exchange.getString("root_exchange_name"));
        assertEquals(aws, exchange.getJsonNumber("parent_exchange_id").longValue());
    }

    @Test
    void makingAwsAChildOfUsEast1IsRefusedNamingTheCycle() {
        long aws = Server.ADMIN.ensureExchange("AWS", "aws", null);
        long usEast = Server.ADMIN.ensureExchange("US-EAST-1", "us-east-1", aws);

        Reply refused = Server.ADMIN.put(
                "/messaging/exchanges/" + aws,
                Json.createObjectBuilder()
                        .add("name", "AWS")
                        .add("parent_exchange_id", usEast)
                        .build());

        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(refused.json().getString("detail").contains("AWS -> US-EAST-1 -> AWS"), refused.body());
        assertTrue(
                Server.ADMIN.get("/messaging/exchanges/" + aws).json().isNull("parent_exchange_id"), "nothing stored");
    }

    @Test
    void brokersAndConnectionsAreStoredWithoutEverShowingThePassword() {
        Reply created = Server.ADMIN.post("/messaging/brokers", "{\"name\":\"broker-" + System.nanoTime() + "\"}");
        assertEquals(201, created.status(), created.toString());
        long broker = created.createdId();

        Reply connection = Server.ADMIN.post(
                "/messaging/brokers/" + broker + "/connections",
                "{\"username\":\"oa\",\"password\":\"s3cret-pw\",\"host\":\"127.0.0.1\",\"port\":5672,\"virtual_host\":\"/\"}");
        assertEquals(201, connection.status(), connection.toString());

        Reply connections = Server.ADMIN.get("/messaging/brokers/" + broker + "/connections");
        assertEquals(1, connections.array().size());
        JsonObject stored = connections.array().getJsonObject(0);
        assertEquals(5672, stored.getInt("port"));
        assertEquals("/", stored.getString("virtual_host"));
        assertTrue(!connections.body().contains("s3cret-pw"), "no password in a response");
        assertTrue(!Server.log().contains("s3cret-pw"), "no password in the server log");

        assertEquals(204, Server.ADMIN.delete("/messaging/brokers/" + broker).status());
        assertEquals(404, Server.ADMIN.get("/messaging/brokers/" + broker).status());
    }

    @Test
    void asadminShowsTheAdapterConfigTheConnectorPoolAndTheJdbcPool() {
        assertTrue(Server.asadmin("list-resource-adapter-configs").contains("openaperture#amqp-ra"));
        String connectorPools = Server.asadmin("list-connector-connection-pools");
        assertTrue(connectorPools.contains("amqp-pool"), connectorPools);
        String jdbcPools = Server.asadmin("list-jdbc-connection-pools");
        assertTrue(jdbcPools.contains("openaperture-pool"), jdbcPools);
        assertTrue(Server.asadmin("list-connector-resources").contains("jms/openaperture/ConnectionFactory"));
    }

    @Test
    void readinessReportsTheDatabaseAndTheBrokerUp() {
        Reply ready = Server.API.get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\"") && ready.body().contains("\"broker\""), ready.body());
        assertEquals(200, Server.API.get("/health/live").status());
    }
}
