package org.openaperture.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.time.Duration;
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
 * post-boot commands, then the WAR that carries the EJB module, on PostgreSQL and the real RabbitMQ. One
 * class, so Micro boots once.
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
        ApiClient api = new ApiClient(base.toString());
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
    void readinessChecksTheDatabaseAndTheBrokerThroughTheAdaptersPool() {
        Reply ready = new ApiClient(base.toString()).get("/health/ready");

        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"database\"") && ready.body().contains("\"broker\""), ready.body());
    }
}
