package org.openaperture.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.Heartbeats;
import org.openaperture.testsupport.RabbitMq;

/**
 * The Payara Micro flavour, wired for real: the standalone adapter RAR deployed first by the operator's
 * post-boot commands, then the WAR that carries the EJB module, on PostgreSQL and the real RabbitMQ, with
 * bearer tokens verified by the key the post-boot commands configure, and the secret keys read from the
 * post-boot key directory. One class, so Micro boots once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MicroFlavourIT {
    private static final String QUEUE = "aws:us-east-1.system_modules";

    @ArquillianResource
    URL base;

    private final RabbitMq rabbit = RabbitMq.fromSystemProperties();

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("openaperture.war")));
    }

    @Test
    void aHeartbeatTravelsFromRabbitMqThroughTheAdapterAndMdbIntoTheApi() {
        ApiClient api = new ApiClient(base.toString()).as("admin");
        long usEast = api.ensureExchange("US-EAST-1", "us-east-1", api.ensureExchange("AWS", "aws", null));
        String hostname = "micro-" + UUID.randomUUID();

        boolean routed = rabbit.publish("AWS", "aws.us-east-1.system_modules", Heartbeats.status(hostname), hostname);

        assertTrue(routed, "the seed topology must route aws.us-east-1.system_modules to " + QUEUE);
        Eventually.within(Duration.ofSeconds(5), "module " + hostname + " listed", () -> api.get(
                        "/messaging/exchanges/" + usEast + "/modules")
                .body()
                .contains(hostname));
        JsonObject module = api.get("/messaging/exchanges/" + usEast + "/modules/" + hostname)
                .json();
        assertEquals("builder", module.getString("type"));
        assertEquals(0, module.getJsonArray("workload").size());
    }

    @Test
    void aConnectionPasswordIsStoredSealedUnderTheCurrentKeyAndNotShownToACallerWithoutRoleModule()
            throws SQLException, IOException {
        ApiClient api = new ApiClient(base.toString()).as("admin");
        String password = "micro-pw-" + UUID.randomUUID();
        Reply broker = api.post("/messaging/brokers", "{\"name\":\"micro-broker-" + UUID.randomUUID() + "\"}");
        assertEquals(201, broker.status(), broker.toString());
        long brokerId = broker.createdId();
        Reply created = api.post(
                "/messaging/brokers/" + brokerId + "/connections",
                "{\"username\":\"oa\",\"password\":\"" + password + "\",\"host\":\"127.0.0.1\"}");
        assertEquals(201, created.status(), created.toString());

        String[] stored = storedPassword(brokerId);
        String currentKey = Files.readString(
                        Path.of(System.getProperty("it.secrets.dir"), "openaperture.secrets.current-key"))
                .strip();
        assertNotEquals(password, stored[0]);
        assertFalse(stored[0].contains(password), stored[0]);
        assertEquals(12 + password.length() + 16, Base64.getDecoder().decode(stored[0]).length, "IV, ciphertext, tag");
        assertEquals(currentKey, stored[1], "the key id beside the value, as the post-boot key directory names it");

        Reply connections = api.get("/messaging/brokers/" + brokerId + "/connections");
        assertEquals(200, connections.status(), connections.toString());
        assertFalse(connections.array().getJsonObject(0).containsKey("password"), connections.body());
        Reply forModule =
                new ApiClient(base.toString()).as("module").get("/messaging/brokers/" + brokerId + "/connections");
        assertEquals(password, forModule.array().getJsonObject(0).getString("password"), "a module reads the password");
        assertFalse(connections.body().contains(password), connections.body());
        assertEquals(204, api.delete("/messaging/brokers/" + brokerId).status());
    }

    /** password and password_keyname of the broker's one connection, as the database holds them. */
    private static String[] storedPassword(long brokerId) throws SQLException {
        try (Connection db = DriverManager.getConnection(
                        System.getProperty("it.db.url"),
                        System.getProperty("it.db.user", "openaperture"),
                        System.getProperty("it.db.password", "openaperture"));
                PreparedStatement query = db.prepareStatement("SELECT password, password_keyname "
                        + "FROM messaging_broker_connections WHERE messaging_broker_id = ?")) {
            query.setLong(1, brokerId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "a row for broker " + brokerId);
                return new String[] {row.getString(1), row.getString(2)};
            }
        }
    }

    @Test
    void readinessChecksTheDatabaseAndTheBrokerThroughTheAdaptersPool() {
        Reply ready = new ApiClient(base.toString()).get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\"") && ready.body().contains("\"broker\""), ready.body());
    }

    @Test
    void thePostBootCommandsConfigureTheTokenKeyAndIssuer() {
        ApiClient anonymous = new ApiClient(base.toString());

        assertEquals(401, anonymous.get("/messaging/exchanges").status());
        assertEquals(200, anonymous.as("viewer").get("/messaging/exchanges").status());
        assertEquals(
                403,
                anonymous
                        .as("viewer")
                        .post("/messaging/brokers", "{\"name\":\"x\"}")
                        .status());
    }
}
