package org.openaperture.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.regex.Pattern;
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
        Server.assumePayara("asadmin lists Payara's resources; WildFly's are read with jboss-cli");
        assertTrue(Server.asadmin("list-resource-adapter-configs").contains("openaperture#amqp-ra"));
        String connectorPools = Server.asadmin("list-connector-connection-pools");
        assertTrue(connectorPools.contains("amqp-pool"), connectorPools);
        String jdbcPools = Server.asadmin("list-jdbc-connection-pools");
        assertTrue(jdbcPools.contains("openaperture-pool"), jdbcPools);
        assertTrue(Server.asadmin("list-connector-resources").contains("jms/openaperture/ConnectionFactory"));
    }

    @Test
    void jbossCliReadsTheAdapterItsConnectionDefinitionTheDatasourceAndTheKeyStoreAsServerResources() {
        Server.assumeWildFly("jboss-cli reads WildFly's management model; Payara's resources are listed with asadmin");
        String adapter = "/subsystem=resource-adapters/resource-adapter=amqp-ra";
        String pool = adapter + "/connection-definitions=amqp-pool";
        String dataSource = "/subsystem=datasources/data-source=openaperture";
        String store = "/subsystem=elytron/secret-key-credential-store=openaperture-secrets";
        // One jboss-cli run (a JVM start costs seconds): the resources as configured, then a connection from each
        // pool, to the broker and to the database, since configured is not yet working.
        String read = Server.jbossCli(
                adapter + ":read-resource(recursive=true)",
                dataSource + ":read-resource",
                pool + ":test-connection-in-pool",
                dataSource + ":test-connection-in-pool",
                store + ":read-resource",
                "/subsystem=elytron/expression=encryption:read-resource");

        assertTrue(read.contains("\"archive\" => \"openaperture.ear#amqp-ra.rar\""), read);
        assertTrue(read.contains("\"ConnectionUrl\" => {\"value\" => \"amqp://"), read);
        assertTrue(read.contains("\"amqp-pool\" => {"), read);
        assertTrue(read.contains("\"jndi-name\" => \"java:/jms/openaperture/ConnectionFactory\""), read);
        assertTrue(read.contains("\"jndi-name\" => \"java:/jdbc/openaperture\""), read);
        assertTrue(read.contains("\"enabled\" => true"), read);
        assertTrue(read.contains("\"path\" => \"openaperture-secrets.cs\""), read);
        assertTrue(read.contains("\"credential-store\" => \"openaperture-secrets\""), "the keys' resolver: " + read);
        assertEquals(6, count(read, "\"outcome\" => \"success\""), read);
        assertEquals(2, count(read, "\"result\" => [true]"), "a connection from each pool: " + read);
    }

    @Test
    void readinessReportsTheDatabaseAndTheBrokerUp() {
        Server.assumePayara("WildFly's MicroProfile Health does not register the checks of a WAR inside an EAR"
                + " (WFLY-12835): its /health/ready has no database or broker check");
        Reply ready = Server.API.get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\"") && ready.body().contains("\"broker\""), ready.body());
        assertEquals(200, Server.API.get("/health/live").status());
    }

    @Test
    void wildflyReadinessOnTheManagementPortReportsTheDeploymentUp() {
        Server.assumeWildFly("Payara's readiness carries the application's checks: readinessReportsTheDatabase…");
        Reply ready = Server.HEALTH.get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"openaperture.ear\":\"OK\""), ready.body());
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1L;
    }
}
