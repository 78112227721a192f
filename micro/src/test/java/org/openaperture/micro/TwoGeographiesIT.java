package org.openaperture.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openaperture.testsupport.ApiClient;
import org.openaperture.testsupport.ApiClient.Reply;
import org.openaperture.testsupport.Eventually;
import org.openaperture.testsupport.GitRemotes;

/**
 * Two geographies, two Payara Micro instances on one broker and one Manager database: the Manager's node
 * serves {@code US-WEST-1} and runs the orchestrator; the worker node serves {@code US-EAST-1} and runs the
 * Builder. A workflow whose build is dispatched to {@code US-EAST-1} travels from the Manager's orchestrator
 * through the root exchange {@code AWS} (routing key {@code aws.us-east-1.builder}) to the worker's
 * {@code builder} queue, and the Builder's callback travels back the same way to {@code US-WEST-1}'s
 * orchestrator. The worker also runs the FleetManager on the Kubernetes deploy target, against a stand-in API
 * server in this test. Each instance boots with the operator's own post-boot commands, as {@code
 * payara-micro.sh} does.
 */
class TwoGeographiesIT {
    private static final Path HOME = Path.of(System.getProperty("it.geo.dir", "target/geo"));
    private static final int MANAGER_PORT = Integer.getInteger("it.geo.manager.port", 20180);
    private static final int WORKER_PORT = Integer.getInteger("it.geo.worker.port", 20181);
    private static final ApiClient MANAGER = new ApiClient("http://127.0.0.1:" + MANAGER_PORT).as("admin");
    private static final List<Process> NODES = new ArrayList<>();
    /** A stand-in for a Kubernetes API server: the node list the worker's Kubernetes target reads. */
    private static HttpServer kubernetes;

    private static final List<String> KUBERNETES_CALLS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void twoNodes() throws Exception {
        Files.createDirectories(HOME);
        kubernetes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kubernetes.createContext("/", exchange -> {
            KUBERNETES_CALLS.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestURI().getPath().equals("/api/v1/nodes")
                    ? """
                            {"kind": "NodeList", "apiVersion": "v1", "metadata": {}, "items": [
                              {"kind": "Node", "apiVersion": "v1", "metadata": {"name": "k8s-node-1", "labels": {"zone": "a"}},
                               "status": {"addresses": [{"type": "InternalIP", "address": "10.1.2.3"}]}}]}
                            """
                            .getBytes(StandardCharsets.UTF_8)
                    : "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.length > 60 ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kubernetes.start();
        NODES.add(start("manager", MANAGER_PORT, "US-WEST-1", "aws:us-west-1", "manager,workflow_orchestrator"));
        awaitUp(MANAGER_PORT);
        long aws = MANAGER.ensureExchange("AWS", "aws", null);
        MANAGER.ensureExchange("US-WEST-1", "us-west-1", aws);
        MANAGER.ensureExchange("US-EAST-1", "us-east-1", aws);
        NODES.add(start("worker", WORKER_PORT, "US-EAST-1", "aws:us-east-1", "builder,fleet_manager"));
        awaitUp(WORKER_PORT);
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (Process node : NODES) {
            node.destroy();
        }
        for (Process node : NODES) {
            node.waitFor();
        }
        kubernetes.stop(0);
    }

    /**
     * The worker's FleetManager runs on the Kubernetes deploy target (the fabric8 client inside Payara Micro),
     * so the machines of US-EAST-1, asked of the Manager's node, are the cluster's nodes: the request travels
     * to the worker through the root exchange and its answer comes back through the Manager's database.
     */
    @Test
    void theMachinesOfUsEast1AreItsKubernetesNodesAnsweredByTheWorkersFleetManager() {
        long usEast = MANAGER.ensureExchange("US-EAST-1", "us-east-1", MANAGER.ensureExchange("AWS", "aws", null));

        Reply machines = MANAGER.as("viewer").get("/messaging/exchanges/" + usEast + "/machines");

        assertEquals(200, machines.status(), machines.toString());
        JsonObject node = machines.array().getJsonObject(0);
        assertEquals("k8s-node-1", node.getString("id"), machines.toString());
        assertEquals("10.1.2.3", node.getString("primaryIP"), machines.toString());
        assertTrue(KUBERNETES_CALLS.contains("GET /api/v1/nodes"), KUBERNETES_CALLS.toString());
    }

    @Test
    void aBuildDispatchedToUsEast1TravelsThroughTheRootExchangeToTheWorkerAndTheWorkflowCompletes() throws Exception {
        long usEast = MANAGER.ensureExchange("US-EAST-1", "us-east-1", MANAGER.ensureExchange("AWS", "aws", null));
        String worker = "geo-worker-" + WORKER_PORT + ":builder";
        Eventually.within(Duration.ofSeconds(60), "the worker's Builder registered at US-EAST-1", () -> MANAGER.get(
                        "/messaging/exchanges/" + usEast + "/modules")
                .body()
                .contains(worker));
        String repo = "geo/app-" + UUID.randomUUID().toString().substring(0, 8);
        new GitRemotes(HOME.resolve("git"))
                .create(
                        repo + "_docker",
                        Map.of(
                                "docker.json",
                                "{\"docker_url\":\"geo/app\"}",
                                "Dockerfile.eex",
                                "FROM scratch\n# <%= commit_hash %>\n"));

        Reply created = MANAGER.as("operator")
                .post(
                        "/workflows",
                        "{\"deployment_repo\":\"" + repo
                                + "_docker\",\"deployment_repo_git_ref\":\"master\",\"source_repo_git_ref\":\"v1\","
                                + "\"milestones\":[\"build\"]}");
        assertEquals(201, created.status(), created.toString());
        String id = created.location().substring(created.location().lastIndexOf('/') + 1);
        long started = System.nanoTime();
        Reply executed = MANAGER.as("operator")
                .post("/workflows/" + id + "/execute", "{\"build_messaging_exchange_id\":" + usEast + "}");
        assertEquals(202, executed.status(), executed.toString());

        JsonObject[] last = new JsonObject[1];
        Eventually.within(Duration.ofSeconds(60), "workflow " + id + " ended", () -> {
            last[0] = MANAGER.get("/workflows/" + id).json();
            return last[0].getBoolean("workflow_completed", false);
        });
        System.out.printf(
                "two geographies: build dispatched from US-WEST-1 to US-EAST-1, completed in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        JsonObject done = last[0];
        assertFalse(done.getBoolean("workflow_error"), done.toString());
        assertTrue(done.getJsonObject("workflow_step_durations").containsKey("build"), done.toString());
        // The worker, not the Manager's node, ran the build: only its Builder was set up, by the first request.
        assertTrue(Files.readString(HOME.resolve("worker.log")).contains("Builder: BuilderSettings"), "worker built");
        assertFalse(
                Files.readString(HOME.resolve("manager.log")).contains("Builder: BuilderSettings"),
                "the Manager's node consumes no builder queue");
    }

    private static Process start(String name, int port, String exchange, String queuePrefix, String components)
            throws IOException, InterruptedException {
        Path postboot = HOME.resolve(name + ".asadmin");
        // Each run boots from an empty root: a left-over one still holds the resources of the last boot.
        Path root = HOME.resolve(name + "-root");
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        ProcessBuilder render = new ProcessBuilder(
                        "bash", System.getProperty("it.postboot.script"), System.getProperty("it.rar"))
                .redirectOutput(postboot.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = render.environment();
        env.put("OA_DB", "postgresql");
        env.put("OA_DB_NAME", System.getProperty("it.db.name"));
        env.put("OA_SECRETS_DIR", System.getProperty("it.secrets.dir"));
        env.put("OA_JWT_PUBLIC_KEY", System.getProperty("it.jwt.public.key"));
        env.put("OA_NODE_EXCHANGE", exchange);
        env.put("OA_QUEUE_PREFIX", queuePrefix);
        env.put("OA_NODE_COMPONENTS", components);
        env.put("OA_HEARTBEAT_INTERVAL", "PT2S");
        env.put("OA_DEPLOYER_TARGET", "kubernetes");
        env.put("OA_BUILD_LOG_QUEUE", queuePrefix + ".manager.build_logs.geo-" + port);
        assertEquals(0, render.start().waitFor(), "micro-postboot.sh for " + name);

        Path git = HOME.resolve("git");
        ProcessBuilder micro = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx768m",
                        "-jar",
                        System.getProperty("payara.microJar"),
                        "--nocluster",
                        "--port",
                        Integer.toString(port),
                        "--rootdir",
                        root.toString(),
                        "--addLibs",
                        System.getProperty("payara.addLibs"),
                        "--postbootcommandfile",
                        postboot.toString(),
                        "--deploy",
                        System.getProperty("openaperture.war"))
                .redirectErrorStream(true)
                .redirectOutput(HOME.resolve(name + ".log").toFile());
        Map<String, String> settings = micro.environment();
        settings.put("HOSTNAME", "geo-" + name + "-" + port);
        settings.put("OPENAPERTURE_NODE_HOSTNAME", "geo-" + name + "-" + port);
        settings.put("OPENAPERTURE_BUILDER_IMAGE_BUILDER", "simulated");
        settings.put("OPENAPERTURE_BUILDER_GIT_BASE_URL", git.toUri().toString());
        settings.put(
                "OPENAPERTURE_BUILDER_WORK_DIR", HOME.resolve(name + "-builds").toString());
        settings.put(
                "OPENAPERTURE_DEPLOYER_KUBERNETES_MASTER_URL",
                "http://127.0.0.1:" + kubernetes.getAddress().getPort() + "/");
        settings.put("OPENAPERTURE_DEPLOYER_KUBERNETES_NAMESPACE", "geo");
        return micro.start();
    }

    /** Up means the application answers, not only Payara Micro's own health endpoint. */
    private static void awaitUp(int port) {
        ApiClient node = new ApiClient("http://127.0.0.1:" + port).as("viewer");
        Eventually.within(Duration.ofSeconds(180), "the application on " + port + " answering", () -> {
            try {
                return node.get("/messaging/exchanges").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
