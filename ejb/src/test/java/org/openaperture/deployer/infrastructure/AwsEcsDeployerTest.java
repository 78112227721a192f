package org.openaperture.deployer.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openaperture.deployer.application.DeployTargetException;
import org.openaperture.deployer.domain.EcsDeployment;

/**
 * The ECS deployer against a stub of ECS's JSON API on 127.0.0.1 (awsJson 1.1: {@code POST /} with {@code
 * X-Amz-Target}), which registers task definitions, records UpdateService and rolls its deployments forward one
 * task per DescribeServices. No AWS account is involved.
 */
class AwsEcsDeployerTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TASK_DEFINITION =
            """
            {"family": "web",
             "networkMode": "bridge",
             "requiresCompatibilities": ["EC2"],
             "cpu": "256",
             "memory": "512",
             "containerDefinitions": [{
               "name": "web", "image": "registry.example/web:abc123", "cpu": 128, "memory": 256, "essential": true,
               "portMappings": [{"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}],
               "environment": [{"name": "MODE", "value": "prod"}]
             }]}
            """;

    HttpServer server;
    EcsStub ecs;
    List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        ecs = new EcsStub();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ecs::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    EcsDeployment deployment(int taskCount) {
        return new EcsDeployment(
                "AKIDEXAMPLE",
                SECRET,
                "us-east-1",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "prod",
                "web",
                taskCount,
                TASK_DEFINITION);
    }

    static AwsEcsDeployer deployer() {
        return new AwsEcsDeployer(Duration.ofMillis(10), Duration.ofSeconds(20));
    }

    @Test
    void registersUpdatesToOneTaskFewerThenScalesToTheFullCountOnceTheOldDeploymentIsGone() {
        ecs.oldDeploymentRunning = 3;

        deployer().deploy(deployment(3), progress::add);

        String arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:8";
        assertEquals(
                List.of(
                        "RegisterTaskDefinition family=web",
                        "UpdateService cluster=prod service=web taskDefinition=" + arn + " desiredCount=2",
                        "UpdateService cluster=prod service=web taskDefinition=" + arn + " desiredCount=3"),
                ecs.calls.stream()
                        .filter(c -> !c.startsWith("DescribeServices"))
                        .toList());
        int firstUpdate =
                ecs.calls.indexOf("UpdateService cluster=prod service=web taskDefinition=" + arn + " desiredCount=2");
        int scale =
                ecs.calls.indexOf("UpdateService cluster=prod service=web taskDefinition=" + arn + " desiredCount=3");
        assertTrue(ecs.calls.subList(firstUpdate, scale).stream().anyMatch(c -> c.startsWith("DescribeServices")));
        assertTrue(ecs.calls.get(ecs.calls.size() - 1).startsWith("DescribeServices"));
        // it waited while the old deployment was still ACTIVE, and only then scaled
        assertTrue(ecs.describesWithOldActiveAtTargetMinusOne > 0);
        assertTrue(progress.get(progress.size() - 1).contains("runs " + arn + " on 3 task(s)"), progress.toString());
    }

    @Test
    void theTaskDefinitionReachesEcsWithTheApiFieldNames() {
        deployer().deploy(deployment(1), progress::add);

        JsonObject body = ecs.registered;
        assertEquals("web", body.getString("family"));
        assertEquals("bridge", body.getString("networkMode"));
        assertEquals("EC2", body.getJsonArray("requiresCompatibilities").getString(0));
        assertEquals("256", body.getString("cpu"));
        assertEquals("512", body.getString("memory"));
        JsonObject container = body.getJsonArray("containerDefinitions").getJsonObject(0);
        assertEquals("registry.example/web:abc123", container.getString("image"));
        assertEquals(128, container.getInt("cpu"));
        assertEquals(256, container.getInt("memory"));
        assertTrue(container.getBoolean("essential"));
        assertEquals(
                8080, container.getJsonArray("portMappings").getJsonObject(0).getInt("containerPort"));
        assertEquals(
                "prod", container.getJsonArray("environment").getJsonObject(0).getString("value"));
    }

    @Test
    void anActiveDeploymentOfTheTaskIsDone() {
        ecs.describe = arn -> service(deploymentJson("ecs-svc/2", "ACTIVE", arn, 2, 2));

        deployer().deploy(deployment(3), progress::add);

        assertEquals(
                1, ecs.calls.stream().filter(c -> c.startsWith("UpdateService")).count());
    }

    @Test
    void aServiceWithoutADeploymentOfTheTaskIsAnError() {
        ecs.describe = arn -> service(deploymentJson("ecs-svc/1", "PRIMARY", "arn:other:1", 3, 3));

        var e = assertThrows(DeployTargetException.class, () -> deployer().deploy(deployment(3), progress::add));

        assertEquals(
                "Task arn:aws:ecs:us-east-1:123456789012:task-definition/web:8 not found in service web",
                e.getMessage());
    }

    @Test
    void aDeploymentThatNeverFinishesEndsAtTheTimeout() {
        ecs.describe = arn -> service(deploymentJson("ecs-svc/2", "PRIMARY", arn, 2, 0));

        var deployer = new AwsEcsDeployer(Duration.ofMillis(20), Duration.ofMillis(300));
        var e = assertThrows(DeployTargetException.class, () -> deployer.deploy(deployment(3), progress::add));

        assertTrue(e.getMessage().contains("did not run"), e.getMessage());
        assertTrue(e.getMessage().contains("within PT0.3S"), e.getMessage());
    }

    @Test
    void aRefusalByEcsNamesTheCallAndTheReasonButNotTheSecret() {
        ecs.failRegister = "Container.image should not be null or empty.";

        var e = assertThrows(DeployTargetException.class, () -> deployer().deploy(deployment(2), progress::add));

        assertTrue(e.getMessage().contains("ECS refused RegisterTaskDefinition"), e.getMessage());
        assertTrue(e.getMessage().contains("ClientException"), e.getMessage());
        assertTrue(e.getMessage().contains("Container.image should not be null"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertEquals(List.of("RegisterTaskDefinition family=web"), ecs.calls);
    }

    @Test
    void aTaskDefinitionFieldEcsDoesNotKnowIsRefusedBeforeAnyCall() {
        var bad = new EcsDeployment(
                "AKIDEXAMPLE",
                SECRET,
                "us-east-1",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "prod",
                "web",
                2,
                "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"imag\": \"x\"}]}");

        var e = assertThrows(DeployTargetException.class, () -> deployer().deploy(bad, progress::add));

        assertTrue(e.getMessage().contains("containerDefinitions[0].imag"), e.getMessage());
        assertTrue(ecs.calls.isEmpty());
    }

    static String deploymentJson(String id, String status, String arn, int desired, int running) {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("status", status)
                .add("taskDefinition", arn)
                .add("desiredCount", desired)
                .add("runningCount", running)
                .add("pendingCount", desired - running)
                .build()
                .toString();
    }

    static String service(String... deployments) {
        return "{\"services\":[{\"serviceName\":\"web\",\"serviceArn\":\"arn:aws:ecs:us-east-1:123456789012:service/prod/web\","
                + "\"deployments\":[" + String.join(",", deployments) + "]}],\"failures\":[]}";
    }

    /**
     * ECS as far as the deployer sees it: one service, {@code web}, whose new deployment gains one running task per
     * DescribeServices until it has its desired count; an old deployment stays ACTIVE until then, and one
     * DescribeServices longer.
     */
    static final class EcsStub {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile JsonObject registered;
        volatile String failRegister;
        volatile Function<String, String> describe;
        volatile int oldDeploymentRunning;
        volatile int describesWithOldActiveAtTargetMinusOne;

        private String arn;
        private int desired;
        private int running;
        private boolean oldActive;

        void handle(HttpExchange exchange) throws IOException {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonObject body;
            try (InputStream in = exchange.getRequestBody();
                    JsonReader reader = Json.createReader(
                            new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
                body = reader.readObject();
            }
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            synchronized (this) {
                switch (operation) {
                    case "RegisterTaskDefinition" -> register(exchange, body);
                    case "UpdateService" -> update(exchange, body);
                    case "DescribeServices" -> describe(exchange, body);
                    default -> answer(exchange, 400, error("InvalidAction", "unknown target " + target));
                }
            }
        }

        private void register(HttpExchange exchange, JsonObject body) throws IOException {
            calls.add("RegisterTaskDefinition family=" + body.getString("family"));
            registered = body;
            if (failRegister != null) {
                answer(exchange, 400, error("ClientException", failRegister));
                return;
            }
            arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/" + body.getString("family") + ":8";
            oldActive = oldDeploymentRunning > 0;
            answer(
                    exchange,
                    200,
                    "{\"taskDefinition\":{\"taskDefinitionArn\":\"" + arn + "\",\"family\":\""
                            + body.getString("family") + "\",\"revision\":8,\"status\":\"ACTIVE\"}}");
        }

        private void update(HttpExchange exchange, JsonObject body) throws IOException {
            calls.add("UpdateService cluster=" + body.getString("cluster") + " service=" + body.getString("service")
                    + " taskDefinition=" + body.getString("taskDefinition") + " desiredCount="
                    + body.getInt("desiredCount"));
            desired = body.getInt("desiredCount");
            answer(exchange, 200, "{\"service\":{\"serviceName\":\"web\",\"desiredCount\":" + desired + "}}");
        }

        private void describe(HttpExchange exchange, JsonObject body) throws IOException {
            calls.add("DescribeServices cluster=" + body.getString("cluster") + " services="
                    + body.getJsonArray("services"));
            if (describe != null) {
                answer(exchange, 200, describe.apply(arn));
                return;
            }
            List<String> deployments = new ArrayList<>();
            deployments.add(deploymentJson("ecs-svc/2", "PRIMARY", arn, desired, running));
            if (oldActive) {
                deployments.add(deploymentJson(
                        "ecs-svc/1", "ACTIVE", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7", 1, 1));
                if (running == desired && desired == 2) {
                    describesWithOldActiveAtTargetMinusOne++;
                }
            }
            answer(exchange, 200, service(deployments.toArray(String[]::new)));
            // the next answer is one step further on
            if (running == desired) {
                oldActive = false;
            }
            if (running < desired) {
                running++;
            }
        }

        private static String error(String type, String message) {
            return Json.createObjectBuilder()
                    .add("__type", type)
                    .add("message", message)
                    .build()
                    .toString();
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
